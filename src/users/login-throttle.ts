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
 * An attempt is reserved (inserted as a failure) before its password is hashed, by one statement under advisory
 * locks of its email and its address (login_reserve; the doubling is PostgreSQL's login_delay_ms), and released if
 * the password was right: a burst sent at once, to one process or to several, is counted as it arrives, so only the
 * free attempts cost a hash (and one more per doubling delay the burst outlasts).
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

export interface Reservation {
  /** 0: the attempt may be checked (it is counted as a failure until `succeeded`); otherwise refused, nothing counted. */
  waitMs: number;
  /**
   * The password was right: this attempt is not a failure. The earlier failures stay counted for their window: were
   * they forgotten, a burst that the right password joined early would get its free attempts again.
   */
  succeeded(): Promise<void>;
  /** Nothing was checked (the database failed): the attempt is taken back. */
  cancelled(): Promise<void>;
}

export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(email: string, address: string): Promise<Reservation> {
    const key = { email: email.slice(0, 254), address: address.slice(0, 64) };
    // one statement: the locks, the count and the insert (migration LoginReserveFunction)
    const [row] = (await this.dataSource.query(`SELECT wait_ms::float8 AS "waitMs", attempt_id::text AS id FROM login_reserve($1, $2, $3, $4)`, [
      key.email,
      key.address,
      JSON.stringify(LOGIN_RULES),
      WINDOW_MS,
    ])) as { waitMs: number; id: string | null }[];
    const waitMs = Number(row?.waitMs ?? 0);
    const id = row?.id ?? null;
    return {
      waitMs,
      succeeded: async () => {
        if (id === null) return;
        await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [id]);
      },
      cancelled: async () => {
        if (id === null) return;
        await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [id]).catch(() => undefined);
      },
    };
  }
}
