import type { Filter } from 'adminjs';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * How a list collects its page and counts its rows:
 * - an unfiltered list of a counted table reads its total from `row_counts` (kept by triggers);
 * - a filter marked `cappedCount` is counted up to COUNT_CAP only (the list says "more than 1000");
 * - with a common search word, walking the sort column's index and stopping after the page beats collecting every
 *   match and sorting them, as long as the walk stays short (planForCommonMatches).
 */

/** How far a capped count goes. */
export const COUNT_CAP = 1000;
/** Rows a list may walk along its sort column's index to collect a page of common matches. */
const WALK_BUDGET_ROWS = 100_000;
/** The most matches counted to decide whether a deeper page may walk (beyond, counting costs what walking saves). */
const WALK_DECISION_CAP = 10_000;

/**
 * How to collect a page of a filter with at least `matchesAtLeast` matches, the page ending at row `rowsNeeded`:
 * walking the sort index visits about rowsNeeded × tableRows / matches rows. Walk when that is within budget for
 * the matches known; when more matches would make it so, count up to that many first (cheap if it is affordable);
 * otherwise collect every match and sort them. Pure.
 */
export function planForCommonMatches(p: { matchesAtLeast: number; rowsNeeded: number; tableRows: number }): 'walk' | 'sort' | { countUpTo: number } {
  const matchesNeeded = Math.ceil((p.rowsNeeded * p.tableRows) / WALK_BUDGET_ROWS);
  if (p.matchesAtLeast >= matchesNeeded) return 'walk';
  return matchesNeeded <= WALK_DECISION_CAP ? { countUpTo: matchesNeeded } : 'sort';
}

/** Set on the action context by `count` when the total is "more than COUNT_CAP" (the list's `after` hook reports it). */
export const countIsCapped = (context: unknown): boolean => Boolean((context as { countIsCapped?: boolean } | undefined)?.countIsCapped);
export const markCountCapped = (context: object | undefined): void => {
  if (context) (context as { countIsCapped?: boolean }).countIsCapped = true;
};

/** What the planner needs of its resource. */
export interface PlannedList {
  manager(): EntityManager;
  /** The filter's query (conditions only). */
  query(filter: Filter): SelectQueryBuilder<ObjectLiteral>;
  /** Whether the filter has an active `cappedCount` element. */
  hasCappedFilter(filter: Filter): boolean;
  /** Whether the filter puts exact matches first (then the order is not the index's). */
  hasFirstConditions(filter: Filter): boolean;
  /** The table's exact row count kept in `row_counts`, or null. */
  countedRows(): Promise<number | null>;
  /** A column the list can walk in order (a B-tree index starts with it, or it is the key). */
  isWalkable(path: string): boolean;
}

export class ListPlanner {
  /** Capped counts of a list request's filter, by cap: `find` needs them to choose its plan, `count` reports one. */
  private readonly cappedCounts = new WeakMap<Filter, Map<number, number>>();

  constructor(private readonly list: PlannedList) {}

  /** The filter's total: from `row_counts` unfiltered, capped for a capped filter, else COUNT(*). */
  async count(filter: Filter, context?: object): Promise<number> {
    if (this.list.hasCappedFilter(filter)) {
      const matches = await this.cappedCount(filter);
      if (matches <= COUNT_CAP) return matches;
      markCountCapped(context);
      return COUNT_CAP;
    }
    const qb = this.list.query(filter);
    if (!qb.expressionMap.wheres.length) {
      const rows = await this.list.countedRows();
      if (rows !== null) return rows;
    }
    // no joins, so COUNT(*) is exact (TypeORM's getCount() counts DISTINCT ids, several times slower)
    const { n } = (await qb.select('COUNT(*)', 'n').getRawOne()) as { n: string };
    return Number(n);
  }

  /** The filter's matches, counted up to `cap` + 1 (once per list request and cap). */
  private async cappedCount(filter: Filter, cap = COUNT_CAP): Promise<number> {
    const counts = this.cappedCounts.get(filter) ?? new Map<number, number>();
    this.cappedCounts.set(filter, counts);
    const cached = counts.get(cap);
    if (cached !== undefined) return cached;
    const [sql, parameters] = this.list
      .query(filter)
      .select('1')
      .limit(cap + 1)
      .getQueryAndParameters();
    const [{ n }] = await this.list.manager().query(`SELECT count(*)::int AS n FROM (${sql}) capped`, parameters);
    counts.set(cap, n);
    return n;
  }

  /** The page's rows, walking the sort index when the filter's matches are common enough (see the file's comment). */
  async rows(filter: Filter, sortBy: string, rowsNeeded: number, page: SelectQueryBuilder<ObjectLiteral>): Promise<ObjectLiteral[]> {
    return (await this.walksForCommonMatches(filter, sortBy, rowsNeeded)) ? this.walking(page) : page.getMany();
  }

  /**
   * With a common search word PostgreSQL's estimate is far too low (LIKE '%word%' is guessed at a few hundred
   * rows), so it collects every match through the trigram index and sorts them: 30,000 rows for a page of 20.
   */
  private async walksForCommonMatches(filter: Filter, sortBy: string, rowsNeeded: number): Promise<boolean> {
    if (!this.list.hasCappedFilter(filter) || !this.list.isWalkable(sortBy)) return false;
    if (this.list.hasFirstConditions(filter)) return false; // exact matches first: not the index's order
    const matches = await this.cappedCount(filter);
    if (matches <= COUNT_CAP) return false;
    const tableRows = await this.list.countedRows();
    if (tableRows === null) return false;
    const plan = planForCommonMatches({ matchesAtLeast: matches, rowsNeeded, tableRows });
    if (plan === 'walk' || plan === 'sort') return plan === 'walk';
    return (await this.cappedCount(filter, plan.countUpTo)) >= plan.countUpTo;
  }

  /**
   * Runs a list query walking the sort column's index: no bitmap or sequential scan, and no parallel workers
   * (two workers each walk far past the page before it is gathered: 60–90 ms instead of 2 ms at 3M letters).
   * The settings last for this transaction only.
   */
  private async walking(query: SelectQueryBuilder<ObjectLiteral>): Promise<ObjectLiteral[]> {
    const runner = this.list.manager().connection.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0');
      const instances = await query.setQueryRunner(runner).getMany();
      await runner.commitTransaction();
      return instances;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
