import { isIsoDate } from '../domain/form-values.js';

/**
 * The dashboard's period for its letters figures (issue 25, item 4), as the address carries it: `?period=12m` (the
 * last twelve months, the default), `month`, `quarter`, `year` (the current calendar ones, up to today) or
 * `custom&from=YYYY-MM-DD&to=YYYY-MM-DD`. Pure: «today» is given.
 */
export const PERIOD_KINDS = ['12m', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First and last day, inclusive ('YYYY-MM-DD'). */
  from: string;
  to: string;
  /** In words, for the page and the report: «12 месяцев: 01.01.2026 — 07.12.2026». */
  label: string;
}

/** The longest custom period: ten years (120 months in the per-month figure, a bounded answer). */
export const MAX_PERIOD_DAYS = 3_653;

const KIND_WORDS: Record<PeriodKind, string> = {
  '12m': '12 месяцев',
  month: 'этот месяц',
  quarter: 'этот квартал',
  year: 'этот год',
  custom: 'период',
};

const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The first day of the month `months` after (or before) the month of `date`. */
export function monthStart(date: string, months = 0): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export class PeriodError extends Error {}

/** The period the address asks for, or a PeriodError with a Russian message naming the field. */
export function periodOf(query: { period?: unknown; from?: unknown; to?: unknown }, today: string): Period {
  const kind = (typeof query.period === 'string' && query.period !== '' ? query.period : '12m') as PeriodKind;
  if (!PERIOD_KINDS.includes(kind)) {
    throw new PeriodError(`Период: ожидается одно из «12m», «month», «quarter», «year», «custom», получено «${String(query.period).slice(0, 20)}».`);
  }
  let from: string;
  let to = today;
  if (kind === '12m') from = monthStart(today, -11);
  else if (kind === 'month') from = monthStart(today);
  else if (kind === 'quarter') from = monthStart(today, -((Number(today.slice(5, 7)) - 1) % 3));
  else if (kind === 'year') from = `${today.slice(0, 4)}-01-01`;
  else {
    const day = (value: unknown, field: string) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!isIsoDate(text)) throw new PeriodError(`Период, поле «${field}»: нужна дата вида ДД.ММ.ГГГГ.`);
      return text;
    };
    from = day(query.from, 'с');
    to = day(query.to, 'по');
    if (from > to) throw new PeriodError('Период: дата «с» позже даты «по».');
    if (daysBetween(from, to) > MAX_PERIOD_DAYS) throw new PeriodError('Период: не длиннее десяти лет.');
  }
  return { kind, from, to, label: `${KIND_WORDS[kind]}: ${dotted(from)} — ${dotted(to)}` };
}

/** The months a period touches, oldest first ('YYYY-MM'). */
export function monthsOf(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  for (let month = monthStart(period.from); month <= period.to; month = monthStart(month, 1)) months.push(month.slice(0, 7));
  return months;
}
