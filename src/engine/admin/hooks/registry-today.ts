import type { ActionContext } from 'adminjs';
import { todayIn } from '../../../domain/organization.js';

/** Today's date in the registry's time zone (TIME_ZONE, passed to the panel as env), for "not in the future" rules. */
export function registryToday(context: ActionContext): string {
  const timeZone = (context._admin.options.env as Record<string, string> | undefined)?.TIME_ZONE ?? 'Europe/Moscow';
  return todayIn(timeZone);
}
