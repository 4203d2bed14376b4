/**
 * Date formatting for the panel, shared by the components (browser bundle; no server imports).
 * DATE values travel as 'YYYY-MM-DD' strings and are never turned into Date objects, so no time zone
 * can shift them. Timestamps are shown in the registry's time zone (TIME_ZONE, Moscow by default).
 */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

export function formatDateTime(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** 'YYYY-MM-DDTHH:mm' in the given time zone, for <input type="datetime-local">. */
export function toDateTimeLocal(value: unknown, timeZone: string): string {
  const text = formatDateTime(value, timeZone);
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  return match ? `${match[3]}-${match[2]}-${match[1]}T${match[4]}:${match[5]}` : '';
}

export function registryTimeZone(): string {
  const env = (globalThis as { AdminJS?: { env?: Record<string, string> } }).AdminJS?.env;
  return env?.TIME_ZONE || 'Europe/Moscow';
}
