/**
 * Failed logins per key (an email at an address, an address, an email), with growing delays: the first `free`
 * failures of a key within the window cost nothing; after them each further try must wait `baseDelayMs`, doubled
 * with every failure, at most `maxDelayMs`. Successful logins do not count. In memory: one server process.
 *
 * An attempt is reserved as a failure before its password is hashed (`reserve`) and released if it succeeds: a
 * burst sent at once is counted as it arrives, so only the free attempts cost a hash, whatever their number.
 */
export interface ThrottleRule {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly rule: ThrottleRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds before this key may try again (0: now). */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.rule.free) return 0;
    const delay = Math.min(this.rule.maxDelayMs, this.rule.baseDelayMs * 2 ** (list.length - this.rule.free));
    return Math.max(0, list[list.length - 1]! + delay - this.now());
  }

  recordFailure(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list.slice(-64));
    if (this.failures.size > 100_000) this.prune();
  }

  /** Counts an attempt as a failure now; `release()` takes it back (the password was right). */
  reserve(key: string): { release(): void } {
    const at = this.now();
    this.recordFailure(key);
    return {
      release: () => {
        const list = this.failures.get(key);
        const index = list?.lastIndexOf(at) ?? -1;
        if (list && index >= 0) list.splice(index, 1);
      },
    };
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
