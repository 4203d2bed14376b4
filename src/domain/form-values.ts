/** Small helpers for values that come from forms (pure). */

/** A trimmed string, or null for anything empty or not a string. */
export const cleanText = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** 'YYYY-MM-DD' → 'DD.MM.YYYY'. */
export const ruDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** A real calendar date written as 'YYYY-MM-DD' (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false; // there is no year 0 (PostgreSQL refuses it)
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Checks an optional date field that may not lie in the future; returns the date (or null) or a Russian
 * message naming the field. Accepts a datetime string too (its date part is used).
 */
export function checkDateNotInFuture(value: unknown, today: string, label: string): { date: string | null } | { error: string } {
  const text = cleanText(value)?.slice(0, 10) ?? null;
  if (text === null) return { date: null };
  if (!isIsoDate(text)) return { error: `${label}: нужна дата вида ДД.ММ.ГГГГ, получено «${text}»` };
  if (text > today) return { error: `${label} не может быть позже сегодняшнего дня (${ruDate(today)}), указано ${ruDate(text)}` };
  return { date: text };
}
