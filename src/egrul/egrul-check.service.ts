import type { DataSource } from 'typeorm';
import type { Progress } from '../engine/progress.js';
import { silentProgress } from '../engine/progress.js';
import { GUARD_WINDOW, guardVerdict, type PreviousShares } from '../domain/check-guard.js';
import { compareWithEgrul, type ComparedValues, type EgrulCheckStatus, type EgrulDifference } from '../domain/egrul-compare.js';
import { EgrulServiceError, type EgrulClient, type EgrulFailure, type EgrulListItem } from './egrul-client.js';
import { EgrulFieldError, organizationFieldsFromEgrul, type EgrulDetail } from './egrul-organization.js';

/** An organization as the check needs it, with the service id its last check matched. */
export interface OrganizationToCheck extends ComparedValues {
  id: number;
  inn: string;
  serviceId: number | null;
  /** The KPPs of the registry's other active cards with this INN ('' for none): units EGRUL has that we know. */
  siblingKpps: string[] | null;
  /** The card's head organization, when the registry knows it is a branch. */
  headId: number | null;
}

export type CheckOutcome =
  | { status: Exclude<EgrulCheckStatus, 'failed'>; differences: EgrulDifference[]; serviceId: number | null; hint?: string | null }
  | { status: 'failed'; problem: string; serviceId: number | null };

/** Failures of the service as a whole (every next request would fail the same way): the run stops, nothing is recorded. */
const SERVICE_DOWN: EgrulFailure[] = ['unreachable', 'timeout', 'http-status', 'redirect', 'not-json', 'not-configured'];

export class EgrulServiceDown extends Error {
  constructor(readonly cause: EgrulServiceError) {
    super(cause.userMessage);
    this.name = 'EgrulServiceDown';
  }
}

/** The service failing as a whole, as EgrulServiceDown; null for anything else (a bad answer about one organization). */
export const serviceDownOf = (error: unknown): EgrulServiceDown | null =>
  error instanceof EgrulServiceError && SERVICE_DOWN.includes(error.failure) ? new EgrulServiceDown(error) : null;

const sameKpp = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');

function comparedValuesOf(detail: EgrulDetail): ComparedValues {
  const fields = organizationFieldsFromEgrul(detail);
  return {
    fullName: fields.fullName,
    shortName: fields.shortName,
    ogrn: fields.ogrn,
    kpp: fields.kpp,
    factualAddress: fields.factualAddress,
    regionId: fields.regionCode,
  };
}

/**
 * Looks one organization up in EGRUL and compares it with the same unit: a unit is its INN and KPP together (a
 * head and its branches share the INN). First by the service id its last check matched, while that id still holds
 * the same INN and KPP (one request); else among the INN's units (the list), the one with our KPP. A card without a
 * KPP is taken for the head unit (the only one, or the one the service marks as main); so is a lone card (no other
 * card of its INN, not linked to a head) whose INN has only its head unit in EGRUL — a legal entity that moved.
 *
 * A unit that is not there is «нет в ЕГРЮЛ», even when other units of its INN exist — never compared with the head
 * or another branch. Where exactly one unit of the INN is unknown to the registry, the result carries the hint «КПП
 * изменился?» naming it. A failure of the service as a whole throws EgrulServiceDown (never recorded as «нет в
 * ЕГРЮЛ»); a bad answer about this one organization is «не удалось проверить» with the reason.
 */
export async function checkOrganization(client: EgrulClient, organization: OrganizationToCheck): Promise<CheckOutcome> {
  const compare = (detail: EgrulDetail, serviceId: number): CheckOutcome => {
    const differences = compareWithEgrul(organization, comparedValuesOf(detail));
    return { status: differences.length === 0 ? 'actual' : 'changed', differences, serviceId };
  };
  const ours = (item: { inn: string | null; kpp: string | null }) => item.inn === organization.inn && sameKpp(item.kpp, organization.kpp);
  try {
    if (organization.serviceId !== null) {
      const known = await client.retrieve(organization.serviceId, 'check').catch((error: unknown) => {
        if (error instanceof EgrulServiceError && error.failure === 'not-found') return null; // the service's data was reloaded
        throw error;
      });
      if (known && ours(known)) return compare(known, organization.serviceId);
    }
    // every unit of the INN in one request (up to a page of them)
    const units = await client.lookup({ inn: organization.inn }, 'check');
    const complete = units.count <= units.items.length;
    let unit = units.items.find(ours);
    if (!unit && organization.kpp !== null && !complete) {
      unit = (await client.lookup({ inn: organization.inn, kpp: organization.kpp }, 'check')).items.find(ours);
    }
    if (!unit && organization.kpp !== null && complete && units.items.length === 1 && organization.headId === null && !organization.siblingKpps?.length) {
      // a lone card, and EGRUL has one unit of its INN: if that unit is the head, it is this legal entity, whose KPP
      // changed (a move changes the KPP only); if it is a branch, the head this card stands for is gone
      const head = (await client.lookup({ inn: organization.inn, isMain: true }, 'check')).items.find((item) => item.inn === organization.inn);
      if (head && head.serviceId === units.items[0]!.serviceId) unit = head;
    }
    if (!unit && organization.kpp === null && units.items.length > 0) {
      unit =
        complete && units.items.length === 1
          ? units.items[0]
          : (await client.lookup({ inn: organization.inn, isMain: true }, 'check')).items.find((item) => item.inn === organization.inn);
    }
    if (!unit) return { status: 'missing', differences: [], serviceId: null, hint: complete ? kppChangedHint(organization, units.items) : null };
    return compare(await client.retrieve(unit.serviceId, 'check'), unit.serviceId);
  } catch (error) {
    const down = serviceDownOf(error);
    if (down) throw down;
    if (error instanceof EgrulServiceError) return { status: 'failed', problem: error.userMessage, serviceId: null };
    if (error instanceof EgrulFieldError) {
      return { status: 'failed', problem: `ЕГРЮЛ вернул непригодное поле ${error.field}: ${error.problem}`, serviceId: null };
    }
    throw error;
  }
}

/** «КПП изменился?»: where exactly one unit of the INN is unknown to the registry, its KPP and name. */
function kppChangedHint(organization: OrganizationToCheck, units: EgrulListItem[]): string | null {
  const known = new Set([...(organization.siblingKpps ?? []), organization.kpp ?? '']);
  const unknown = units.filter((unit) => unit.inn === organization.inn && !known.has(unit.kpp ?? ''));
  if (unknown.length !== 1) return null;
  const [unit] = unknown as [EgrulListItem];
  return `КПП изменился? В ЕГРЮЛ у этого ИНН есть подразделение с КПП ${unit.kpp ?? '—'} («${unit.shortName ?? unit.fullName}»), которого нет в реестре.`;
}

const ORGANIZATION_COLUMNS = `o.id, o.inn, o.kpp, o.full_name AS "fullName", o.short_name AS "shortName", o.ogrn,
  o.factual_address AS "factualAddress", o.region_id AS "regionId", c.service_id AS "serviceId",
  o.head_id AS "headId", ARRAY(SELECT coalesce(s.kpp, '') FROM organizations s WHERE s.inn = o.inn AND s.is_active AND s.id <> o.id) AS "siblingKpps"`;

/**
 * Stores checks, many at once (one statement per batch). A failed attempt never erases an earlier result: where the
 * organization has one, it stays (status, differences, when) and the failure is kept beside it (failed_at, failure);
 * the next successful check clears it.
 */
export async function storeChecks(dataSource: DataSource, results: { organizationId: number; outcome: CheckOutcome }[]): Promise<void> {
  if (results.length === 0) return;
  await dataSource.query(
    `INSERT INTO egrul_checks AS c (organization_id, checked_at, status, differences, problem, service_id, failed_at, failure)
     SELECT r.id, now(), r.status, r.differences, r.problem, r.service_id,
            CASE WHEN r.status = 'failed' THEN now() END, CASE WHEN r.status = 'failed' THEN r.problem END
       FROM unnest($1::int[], $2::text[], $3::jsonb[], $4::text[], $5::int[]) AS r(id, status, differences, problem, service_id)
      WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = r.id)
     ON CONFLICT (organization_id) DO UPDATE SET
       checked_at = CASE WHEN excluded.status = 'failed' AND c.status <> 'failed' THEN c.checked_at ELSE excluded.checked_at END,
       status = CASE WHEN excluded.status = 'failed' AND c.status <> 'failed' THEN c.status ELSE excluded.status END,
       differences = CASE WHEN excluded.status = 'failed' AND c.status <> 'failed' THEN c.differences ELSE excluded.differences END,
       problem = CASE WHEN excluded.status = 'failed' AND c.status <> 'failed' THEN c.problem ELSE excluded.problem END,
       service_id = coalesce(excluded.service_id, c.service_id),
       failed_at = excluded.failed_at,
       failure = excluded.failure`,
    [
      results.map((r) => r.organizationId),
      results.map((r) => r.outcome.status),
      results.map((r) => (r.outcome.status === 'failed' ? null : JSON.stringify(r.outcome.differences))),
      results.map((r) => (r.outcome.status === 'failed' ? r.outcome.problem : (r.outcome.hint ?? null))),
      results.map((r) => r.outcome.serviceId),
    ],
  );
}

/** One organization checked now (the card's «Сверить с ЕГРЮЛ»), stored, and returned; null when there is no such active organization with an INN. */
export async function checkOneNow(dataSource: DataSource, client: EgrulClient, organizationId: number): Promise<CheckOutcome | null> {
  const [organization] = (await dataSource.query(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o LEFT JOIN egrul_checks c ON c.organization_id = o.id WHERE o.id = $1 AND o.inn IS NOT NULL`,
    [organizationId],
  )) as OrganizationToCheck[];
  if (!organization) return null;
  const outcome = await checkOrganization(client, organization);
  await storeChecks(dataSource, [{ organizationId, outcome }]);
  return outcome;
}

export type CheckScope = { kind: 'all' } | { kind: 'stale'; days: number };

export interface CheckRunSummary {
  /** Organizations the run had to check (with those a resumed run had checked before). */
  total: number;
  /** Checked by this process. */
  checked: number;
  /** Checked before, by the interrupted run this one resumed. */
  resumedAfter: number;
  byStatus: Record<EgrulCheckStatus, number>;
  /** Why the run stopped before the end (the service went away, or the guard), or null. */
  stoppedBecause: string | null;
  /** The guard stopped it (check-guard.ts): the latest results were not stored. */
  guarded: boolean;
  durationMs: number;
}

const scopeKey = (scope: CheckScope) => (scope.kind === 'all' ? 'all' : `stale:${scope.days}`);

/** Consecutive failures of the service as a whole after which a run stops (in-flight checks still finish). */
const STOP_AFTER_SERVICE_FAILURES = 3;
const BATCH = 500;
const RETRY_PAUSE_MS = 1000;

/**
 * `cert egrul check`: every active organization with an INN in the scope, `concurrency` at a time, results stored in
 * batches. `--all` checks those not checked since the run began — so an interrupted run is resumed by the next one
 * (its start is kept); `--stale N` those not checked for N days. Reads the organizations in id order, a batch at a
 * time (memory stays flat at any size).
 */
export async function runEgrulCheck(
  dataSource: DataSource,
  client: EgrulClient,
  options: { scope: CheckScope; concurrency: number; progress?: Progress },
): Promise<CheckRunSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const key = scopeKey(options.scope);
  const [unfinished] = await dataSource.query(`SELECT id, started_at FROM egrul_check_runs WHERE scope = $1 AND finished_at IS NULL ORDER BY id DESC LIMIT 1`, [
    key,
  ]);
  const [run] = unfinished ? [unfinished] : await dataSource.query(`INSERT INTO egrul_check_runs (scope) VALUES ($1) RETURNING id, started_at`, [key]);
  const due =
    options.scope.kind === 'all'
      ? { sql: `(c.checked_at IS NULL OR c.checked_at < $1)`, value: run.started_at as Date }
      : { sql: `(c.checked_at IS NULL OR c.checked_at < now() - make_interval(days => $1))`, value: options.scope.days };
  const base = `FROM organizations o LEFT JOIN egrul_checks c ON c.organization_id = o.id WHERE o.is_active AND o.inn IS NOT NULL`;
  const [{ due: dueCount, done }] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE ${due.sql})::int AS due, count(*) FILTER (WHERE NOT ${due.sql})::int AS done ${base}`,
    [due.value],
  );
  const resumedAfter = unfinished ? done : 0;
  await dataSource.query(`UPDATE egrul_check_runs SET total = $2 WHERE id = $1`, [run.id, dueCount + resumedAfter]);
  progress.start(dueCount, 'Сверка с ЕГРЮЛ');

  const previous = await previousShares(dataSource, base);
  const byStatus: Record<EgrulCheckStatus, number> = { actual: 0, changed: 0, missing: 0, failed: 0 };
  let checked = 0;
  let stoppedBecause: string | null = null;
  let guarded = false;
  let serviceFailures = 0;
  let storedCount = 0;
  // results wait here; the last GUARD_WINDOW of them are held back until the guard has seen them
  let pending: { organizationId: number; outcome: CheckOutcome }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = (all: boolean) => {
    const keep = all ? 0 : GUARD_WINDOW;
    if (pending.length <= keep) return flushing;
    const batch = pending.slice(0, pending.length - keep);
    pending = pending.slice(pending.length - keep);
    storedCount += batch.length;
    flushing = flushing.then(() => storeChecks(dataSource, batch));
    return flushing;
  };
  const guard = (atEnd: boolean) => {
    if (guarded || (!atEnd && pending.length < GUARD_WINDOW)) return;
    const verdict = guardVerdict(
      pending.slice(-GUARD_WINDOW).map((r) => r.outcome.status),
      previous,
    );
    if (!verdict) return;
    guarded = true;
    stoppedBecause = verdict.message;
    pending = []; // not stored: the organizations keep their previous statuses and are checked again by the next run
  };

  let afterId = 0;
  let queue: OrganizationToCheck[] = [];
  let exhausted = false;
  const next = async (): Promise<OrganizationToCheck | undefined> => {
    if (queue.length === 0 && !exhausted) {
      queue = await dataSource.query(`SELECT ${ORGANIZATION_COLUMNS} ${base} AND ${due.sql} AND o.id > $2 ORDER BY o.id LIMIT ${BATCH}`, [due.value, afterId]);
      if (queue.length < BATCH) exhausted = true;
      if (queue.length > 0) afterId = queue[queue.length - 1]!.id;
    }
    return queue.shift();
  };
  let reading: Promise<OrganizationToCheck | undefined> = Promise.resolve(undefined);
  const take = () => (reading = reading.then(next)); // one reader at a time: workers never read the same batch twice

  const worker = async () => {
    for (;;) {
      if (stoppedBecause) return;
      const organization = await take();
      if (!organization) return;
      try {
        const outcome = await checkOrganization(client, organization);
        if (stoppedBecause) return; // the guard stopped the run while this one was asked: not stored
        serviceFailures = 0;
        byStatus[outcome.status] += 1;
        checked += 1;
        pending.push({ organizationId: organization.id, outcome });
        guard(false);
        if (pending.length >= BATCH + GUARD_WINDOW) await flush(false);
        progress.tick(1);
      } catch (error) {
        if (!(error instanceof EgrulServiceDown)) throw error;
        serviceFailures += 1;
        if (serviceFailures >= STOP_AFTER_SERVICE_FAILURES) stoppedBecause ??= error.message;
        else {
          queue.unshift(organization); // asked again after a pause: one dropped answer is not a stop
          await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    guard(true);
  } finally {
    await flush(true);
    progress.done();
  }
  await dataSource.query(
    `UPDATE egrul_check_runs SET checked = checked + $2, finished_at = CASE WHEN $3::text IS NULL THEN now() END, stopped_because = $3, guarded = $4 WHERE id = $1`,
    [run.id, storedCount, stoppedBecause, guarded],
  );
  return { total: dueCount + resumedAfter, checked, resumedAfter, byStatus, stoppedBecause, guarded, durationMs: Math.round(performance.now() - started) };
}

/** The shares of «нет в ЕГРЮЛ» and «не удалось проверить» among the previous statuses of the run's organizations. */
async function previousShares(dataSource: DataSource, base: string): Promise<PreviousShares> {
  const [row] = await dataSource.query(
    `SELECT count(c.organization_id)::int AS total,
            count(*) FILTER (WHERE c.status = 'missing')::int AS missing,
            count(*) FILTER (WHERE c.status = 'failed' OR c.failed_at IS NOT NULL)::int AS failed
       ${base}`,
  );
  const total = Number(row?.total ?? 0);
  return total === 0 ? { missing: 0, failed: 0 } : { missing: Number(row.missing) / total, failed: Number(row.failed) / total };
}

/** Each organization's last check status (the list's «ЕГРЮЛ» column), by organization id: one query for a page. */
export async function lastCheckStatuses(dataSource: DataSource, organizationIds: number[]): Promise<Map<number, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows: { id: number; status: string }[] = await dataSource.query(
    `SELECT organization_id AS id, status FROM egrul_checks WHERE organization_id = ANY($1)`,
    [organizationIds],
  );
  return new Map(rows.map((row) => [row.id, row.status]));
}
