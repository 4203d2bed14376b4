import type { DataSource } from 'typeorm';
import type { Progress } from '../engine/progress.js';
import { silentProgress } from '../engine/progress.js';
import { compareWithEgrul, type ComparedValues, type EgrulCheckStatus, type EgrulDifference } from '../domain/egrul-compare.js';
import { EgrulServiceError, type EgrulClient, type EgrulFailure } from './egrul-client.js';
import { EgrulFieldError, organizationFieldsFromEgrul, type EgrulDetail } from './egrul-organization.js';

/** An organization as the check needs it, with the service id its last check matched. */
export interface OrganizationToCheck extends ComparedValues {
  id: number;
  inn: string;
  serviceId: number | null;
}

export type CheckOutcome =
  | { status: Exclude<EgrulCheckStatus, 'failed'>; differences: EgrulDifference[]; serviceId: number | null }
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
 * Looks one organization up in EGRUL and compares it: first by the service id its last check matched (one request),
 * else by INN and KPP (the list, then the detail). An INN the register does not know is «нет в ЕГРЮЛ»; an INN
 * whose units have none with our KPP is compared with its head unit (the KPP is then a difference). A failure of
 * the service as a whole throws EgrulServiceDown — it is never recorded as «нет в ЕГРЮЛ»; a bad answer about this
 * one organization is «не удалось проверить» with the reason.
 */
export async function checkOrganization(client: EgrulClient, organization: OrganizationToCheck): Promise<CheckOutcome> {
  const compare = (detail: EgrulDetail, serviceId: number): CheckOutcome => ({
    status: 'changed',
    differences: compareWithEgrul(organization, comparedValuesOf(detail)),
    serviceId,
  });
  const settle = (outcome: CheckOutcome): CheckOutcome =>
    outcome.status === 'changed' && outcome.differences.length === 0 ? { ...outcome, status: 'actual' } : outcome;
  try {
    if (organization.serviceId !== null) {
      const known = await client.retrieve(organization.serviceId, 'check').catch((error: unknown) => {
        if (error instanceof EgrulServiceError && error.failure === 'not-found') return null; // the service's data was reloaded
        throw error;
      });
      if (known && known.inn === organization.inn && sameKpp(known.kpp, organization.kpp)) return settle(compare(known, organization.serviceId));
    }
    // every unit of the INN in one request (a head and its branches share it): ours is the one with our KPP
    const units = await client.lookup({ inn: organization.inn }, 'check');
    let unit = units.items.find((item) => sameKpp(item.kpp, organization.kpp));
    if (!unit && units.items.length === 1) unit = units.items[0];
    if (!unit && units.items.length > 1) unit = (await client.lookup({ inn: organization.inn, isMain: true }, 'check')).items[0] ?? units.items[0];
    if (!unit && units.count > units.items.length) {
      unit = (await client.lookup({ inn: organization.inn, kpp: organization.kpp ?? undefined }, 'check')).items[0];
    }
    if (!unit) return { status: 'missing', differences: [], serviceId: null };
    return settle(compare(await client.retrieve(unit.serviceId, 'check'), unit.serviceId));
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

const ORGANIZATION_COLUMNS = `o.id, o.inn, o.kpp, o.full_name AS "fullName", o.short_name AS "shortName", o.ogrn,
  o.factual_address AS "factualAddress", o.region_id AS "regionId", c.service_id AS "serviceId"`;

/** Stores checks, many at once (one statement per batch). */
export async function storeChecks(dataSource: DataSource, results: { organizationId: number; outcome: CheckOutcome }[]): Promise<void> {
  if (results.length === 0) return;
  await dataSource.query(
    `INSERT INTO egrul_checks (organization_id, checked_at, status, differences, problem, service_id)
     SELECT r.id, now(), r.status, r.differences, r.problem, r.service_id
       FROM unnest($1::int[], $2::text[], $3::jsonb[], $4::text[], $5::int[]) AS r(id, status, differences, problem, service_id)
      WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = r.id)
     ON CONFLICT (organization_id) DO UPDATE SET checked_at = excluded.checked_at, status = excluded.status,
       differences = excluded.differences, problem = excluded.problem, service_id = coalesce(excluded.service_id, egrul_checks.service_id)`,
    [
      results.map((r) => r.organizationId),
      results.map((r) => r.outcome.status),
      results.map((r) => (r.outcome.status === 'failed' ? null : JSON.stringify(r.outcome.differences))),
      results.map((r) => (r.outcome.status === 'failed' ? r.outcome.problem : null)),
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
  /** Why the run stopped before the end (the service went away), or null. */
  stoppedBecause: string | null;
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

  const byStatus: Record<EgrulCheckStatus, number> = { actual: 0, changed: 0, missing: 0, failed: 0 };
  let checked = 0;
  let stoppedBecause: string | null = null;
  let serviceFailures = 0;
  let buffer: { organizationId: number; outcome: CheckOutcome }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = buffer;
    buffer = [];
    flushing = flushing.then(() => storeChecks(dataSource, batch));
    return flushing;
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
        serviceFailures = 0;
        byStatus[outcome.status] += 1;
        checked += 1;
        buffer.push({ organizationId: organization.id, outcome });
        if (buffer.length >= BATCH) await flush();
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
  } finally {
    await flush();
    progress.done();
  }
  await dataSource.query(
    `UPDATE egrul_check_runs SET checked = checked + $2, finished_at = CASE WHEN $3::text IS NULL THEN now() END, stopped_because = $3 WHERE id = $1`,
    [run.id, checked, stoppedBecause],
  );
  return { total: dueCount + resumedAfter, checked, resumedAfter, byStatus, stoppedBecause, durationMs: Math.round(performance.now() - started) };
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
