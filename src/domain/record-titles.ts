/**
 * How the panel names a record in its heading, breadcrumb, browser tab and references (issue 15). Pure.
 */
import { ruDate } from './form-values.js';

const text = (value: unknown): string | null => {
  const s = typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value);
  return s === '' ? null : s;
};

/** An organization by its short name, as people say it; the full name when there is no short one. */
export function organizationTitle(params: Record<string, unknown>): string | null {
  return text(params.shortName) ?? text(params.fullName);
}

/** «Вх. № ВХ-15 от 01.12.2026», «Исх. № 161-10-11/22», «Вх. письмо от 01.12.2026». */
export function letterTitle(params: Record<string, unknown>): string | null {
  const kind = params.direction === 'outgoing' ? 'Исх.' : params.direction === 'incoming' ? 'Вх.' : null;
  const number = text(params.ourNumber);
  const dateValue = text(params.ourDate);
  const date = dateValue && /^\d{4}-\d{2}-\d{2}/.test(dateValue) ? ruDate(dateValue.slice(0, 10)) : null;
  if (!kind && !number) return null;
  const head = number ? `${kind ? `${kind} ` : ''}№ ${number}` : `${kind} письмо`;
  return date ? `${head} от ${date}` : head;
}
