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

const digit = { regex: '\\d', raw: undefined };

/** Input format of the date pickers: дд.мм.гггг (date-fns tokens) with a typing mask. */
export const DATE_INPUT = {
  format: 'dd.MM.yyyy',
  placeholder: 'ДД.ММ.ГГГГ',
  mask: [digit, digit, '.', digit, digit, '.', digit, digit, digit, digit],
  dateTimeFormat: 'dd.MM.yyyy HH:mm',
  dateTimePlaceholder: 'ДД.ММ.ГГГГ ЧЧ:ММ',
  dateTimeMask: [digit, digit, '.', digit, digit, '.', digit, digit, digit, digit, ' ', digit, digit, ':', digit, digit],
};

/**
 * The calendar for a keyboard: it opens on a click (a date is typed), Tab leaves the field instead of looping inside
 * the calendar, and its month buttons are named in Russian.
 */
export const DATE_PICKER_KEYBOARD = {
  enableTabLoop: false,
  preventOpenOnFocus: true,
  previousMonthButtonLabel: 'Предыдущий месяц',
  nextMonthButtonLabel: 'Следующий месяц',
  previousMonthAriaLabel: 'Предыдущий месяц',
  nextMonthAriaLabel: 'Следующий месяц',
} as const;

/** 'YYYY-MM-DD' → what the picker parses as local midnight of that day (no 'Z': not UTC). */
export function toPickerValue(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? `${value.slice(0, 10)}T00:00:00` : '';
}

/** The picker's ISO instant of local midnight → that local calendar day as 'YYYY-MM-DD'; '' → null. */
export function fromPickerValue(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The registry's time zone (TIME_ZONE) as the server states it in each page (<meta name="cert-time-zone">): AdminJS's
 * `env` is baked into the component bundle when it is built, so it could not follow the running server's setting.
 */
export function registryTimeZone(): string {
  const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[name="cert-time-zone"]');
  return meta?.content || 'Europe/Moscow';
}

/** Today in the registry's time zone as 'YYYY-MM-DD'. */
export function registryToday(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: registryTimeZone(), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A file's size as people read it: «820,5 КБ», «1,2 МБ» (one decimal; «0 МБ» said nothing). */
export function formatFileSize(bytes: number): string {
  const format = (value: number) => value.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${format(Math.max(bytes, 1) / 1024)} КБ`;
  return `${format(bytes / 1048576)} МБ`;
}
