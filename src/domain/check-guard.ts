import type { EgrulCheckStatus } from './egrul-compare.js';

const WORDS = { missing: 'нет в ЕГРЮЛ', failed: 'не удалось проверить' } as const;

/**
 * The register's guard against the EGRUL service (a run of `cert egrul check`): a service that is reloading its
 * data answers «no such organization» for everything (its table is truncated, then filled again for minutes), and a
 * broken proxy answers every request with the same error. Either would rewrite the register's statuses. The guard
 * compares the latest results of a run with the previous statuses of the same organizations:
 *
 * - the window: the last GUARD_WINDOW results (a run of fewer organizations: all of them, from GUARD_MIN_SAMPLE on);
 * - the run stops when the share of «нет в ЕГРЮЛ», or of «не удалось проверить», in the window reaches
 *   max(30 %, 3 × the previous share, the previous share + 20 points), capped at 90 %.
 *
 * Why these numbers: a real register changes slowly — of 2,020 organizations imported and checked again after
 * changes made on purpose, 83 (4 %) changed and a handful were deleted; liquidations in the whole EGRUL run at a few
 * per cent a year. A reloading service gave 71 % «нет в ЕГРЮЛ», a JSON 404 for everything 84 % «не удалось
 * проверить». 30 % in a window of 100 is ten times what a month of real changes gives, and the relative terms let a
 * register whose cards are mostly unknown to EGRUL (hand-entered, 25 % missing before) still be checked.
 */
export const GUARD_WINDOW = 100;
export const GUARD_MIN_SAMPLE = 20;

export interface PreviousShares {
  /** Shares (0..1) of «нет в ЕГРЮЛ» and «не удалось проверить» among the organizations' previous statuses. */
  missing: number;
  failed: number;
}

export interface GuardVerdict {
  status: 'missing' | 'failed';
  count: number;
  of: number;
  previousShare: number;
  message: string;
}

export function guardThreshold(previousShare: number): number {
  return Math.min(0.9, Math.max(0.3, previousShare * 3, previousShare + 0.2));
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** A verdict that the run must stop, or null: `window` is the run's latest statuses, oldest first. */
export function guardVerdict(window: readonly EgrulCheckStatus[], previous: PreviousShares): GuardVerdict | null {
  if (window.length < GUARD_MIN_SAMPLE) return null;
  for (const status of ['missing', 'failed'] as const) {
    const count = window.filter((s) => s === status).length;
    if (count / window.length >= guardThreshold(previous[status])) {
      return {
        status,
        count,
        of: window.length,
        previousShare: previous[status],
        message:
          `Сверка остановлена: из последних ${window.length} проверенных организаций ${count} — «${WORDS[status]}» ` +
          `(${percent(count / window.length)}), до этой сверки таких было ${percent(previous[status])}. Так отвечает сервис ЕГРЮЛ, ` +
          'который перезагружает данные или неисправен. Прежние статусы сохранены, результаты последних проверок не записаны; ' +
          'повторите сверку позже — она продолжится с того же места.',
      };
    }
  }
  return null;
}
