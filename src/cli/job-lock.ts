import pg from 'pg';
import { AppError } from '../errors.js';

/** The scheduled commands (cron on one host or several): one run of each at a time, across every machine. */
export const JOBS = {
  'egrul-check': 'cert egrul check',
  'index-update': 'cert index update',
  'audit-prune': 'cert audit prune',
} as const;
export type Job = keyof typeof JOBS;

/** Another run of the same job holds the lock: this run did nothing (exit code ExitCode.Busy). */
export class JobBusyError extends AppError {
  constructor(
    readonly job: Job,
    holder: { since: string | null; application: string | null; address: string | null } | null,
  ) {
    const who = holder?.since
      ? ` (начата ${holder.since}${holder.address ? ` с адреса ${holder.address}` : ''}${holder.application ? `, ${holder.application}` : ''})`
      : '';
    super('job_busy', `job ${job} busy`, `Команда «${JOBS[job]}» уже выполняется${who}. Этот запуск ничего не сделал; повторите после её окончания.`);
  }
}

/**
 * Runs `body` holding the job's advisory lock: a session lock on a connection of its own, so that it is held for the
 * whole run whatever the body's transactions do, and released by PostgreSQL when the process dies (its connection
 * closes). A second run does not wait: it throws JobBusyError, naming when and from where the first one started.
 */
export async function withJobLock<T>(databaseUrl: string, job: Job, body: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: `cert job ${job}` });
  await client.connect();
  client.on('error', () => undefined); // a lost connection ends the lock; the body's own connections report the failure
  try {
    const key = `cert job ${job}`;
    const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [key]);
    if (!rows[0].locked) {
      const { rows: holders } = await client.query(
        `SELECT to_char(a.backend_start AT TIME ZONE 'UTC', 'DD.MM.YYYY HH24:MI "UTC"') AS since, a.application_name AS application,
                host(a.client_addr) AS address
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)
          LIMIT 1`,
        [key],
      );
      throw new JobBusyError(job, holders[0] ?? null);
    }
    return await body();
  } finally {
    await client.end().catch(() => undefined);
  }
}
