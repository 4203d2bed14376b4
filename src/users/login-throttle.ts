import type { DataSource } from 'typeorm';

/**
 * Failed logins with growing delays, counted in PostgreSQL (table login_failures) so that every server process
 * sees the same attempts:
 * - one email from one address: 5 free failures, then 1 s, 2 s, 4 s … up to 15 min between tries;
 * - one address: failures for 30 different emails are free, then the same growth — spraying from one address is
 *   slowed, but 100 failures for one account do not lock the other accounts of that address;
 * - one email from every address together: 20 free failures, then at most 30 s between tries — slows guessing
 *   from many addresses, and the owner, from their own address, still gets in within half a minute.
 *
 * An attempt is reserved (inserted as a failure) before its password is hashed, under advisory locks of its email
 * and its address, and released if the password was right: a burst sent at once, to one process or to several, is
 * counted as it arrives, so only the free attempts cost a hash.
 */
export interface ThrottleRule {
  /** Failures (or, for an address, different emails) that cost nothing. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const WINDOW_MS = 60 * 60 * 1000;
export const LOGIN_RULES = {
  emailAtAddress: { free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 },
  addressAccounts: { free: 30, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 },
  email: { free: 20, baseDelayMs: 1000, maxDelayMs: 30 * 1000 },
} satisfies Record<string, ThrottleRule>;

/** Milliseconds before the next try (0: now), after `count` failures within the window, the last at `lastAtMs`. */
export function retryAfterMs(rule: ThrottleRule, count: number, lastAtMs: number | null, nowMs: number): number {
  if (count < rule.free || lastAtMs === null) return 0;
  const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(count - rule.free, 40));
  return Math.max(0, Math.ceil(lastAtMs + delay - nowMs));
}

export interface Reservation {
  /** 0: the attempt may be checked (it is counted as a failure until `succeeded`); otherwise refused, nothing counted. */
  waitMs: number;
  /** The password was right: the attempt is not a failure, and this email's failures from this address are forgotten. */
  succeeded(): Promise<void>;
  /** Nothing was checked (the database failed): the attempt is taken back. */
  cancelled(): Promise<void>;
}

interface Counts {
  pair_count: number;
  pair_last: number | null;
  email_count: number;
  email_last: number | null;
  address_accounts: number;
  address_last: number | null;
  now_ms: number;
}

export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(email: string, address: string): Promise<Reservation> {
    const key = { email: email.slice(0, 254), address: address.slice(0, 64) };
    const { waitMs, id } = await this.dataSource.transaction(async (manager) => {
      // one attempt of an email, or of an address, at a time, in every process: the count below cannot be stale
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('login-email:' || $1, 0))`, [key.email]);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('login-address:' || $1, 0))`, [key.address]);
      await manager.query(`DELETE FROM login_failures WHERE at < clock_timestamp() - $1 * interval '1 millisecond'`, [WINDOW_MS]);
      const [counts] = (await manager.query(
        `SELECT count(*) FILTER (WHERE email = $1 AND address = $2)::int AS pair_count,
                (extract(epoch FROM max(at) FILTER (WHERE email = $1 AND address = $2)) * 1000)::float8 AS pair_last,
                count(*) FILTER (WHERE email = $1)::int AS email_count,
                (extract(epoch FROM max(at) FILTER (WHERE email = $1)) * 1000)::float8 AS email_last,
                count(DISTINCT email) FILTER (WHERE address = $2)::int AS address_accounts,
                (extract(epoch FROM max(at) FILTER (WHERE address = $2)) * 1000)::float8 AS address_last,
                (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms
           FROM login_failures
          WHERE email = $1 OR address = $2`,
        [key.email, key.address],
      )) as Counts[];
      const c = counts!;
      const wait = Math.max(
        retryAfterMs(LOGIN_RULES.emailAtAddress, c.pair_count, c.pair_last, c.now_ms),
        retryAfterMs(LOGIN_RULES.email, c.email_count, c.email_last, c.now_ms),
        retryAfterMs(LOGIN_RULES.addressAccounts, c.address_accounts, c.address_last, c.now_ms),
      );
      if (wait > 0) return { waitMs: wait, id: null };
      const [row] = (await manager.query(`INSERT INTO login_failures (email, address) VALUES ($1, $2) RETURNING id::text AS id`, [key.email, key.address])) as {
        id: string;
      }[];
      return { waitMs: 0, id: row!.id };
    });
    return {
      waitMs,
      succeeded: async () => {
        if (id === null) return;
        await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1 OR (email = $2 AND address = $3)`, [id, key.email, key.address]);
      },
      cancelled: async () => {
        if (id === null) return;
        await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [id]).catch(() => undefined);
      },
    };
  }
}
