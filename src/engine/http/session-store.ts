import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type pg from 'pg';

/** A session's expiry in the database is moved on at most this often (the cookie's on every response). */
const TOUCH_INTERVAL_MS = 60_000;
const REMEMBERED_SESSIONS = 10_000;

/**
 * Sessions in PostgreSQL (table `sessions`). With `rolling` sessions, connect-pg-simple writes the new expiry on
 * every request — a committed UPDATE per page view, list or API call. This store writes it at most once a minute
 * per session (the expiry in the database then lags the cookie's by under a minute of an hours-long lifetime).
 */
export function createSessionStore(pool: pg.Pool): session.Store {
  const PgStore = connectPgSimple(session);
  const lastTouched = new Map<string, number>();
  class SessionStore extends PgStore {
    override touch(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
      const now = Date.now();
      if (now - (lastTouched.get(sid) ?? 0) < TOUCH_INTERVAL_MS) {
        callback?.();
        return;
      }
      if (lastTouched.size >= REMEMBERED_SESSIONS) lastTouched.clear();
      lastTouched.set(sid, now);
      super.touch(sid, sess, callback);
    }
  }
  return new SessionStore({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 });
}
