import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { LoginThrottle } from './login-throttle.js';
import { AppError } from '../errors.js';
import { credentialStamp, type SessionMarks } from '../engine/http/session-guard.js';
import type { Logger } from '../logger.js';
import { authenticateUser, toSessionUser } from './user.service.js';
import { errorAnswer, type SessionUser } from '../engine/http/kit.js';

const MINUTE = 60 * 1000;
const WINDOW_MS = 60 * MINUTE;

/**
 * The login check handed to @adminjs/express, with growing delays instead of a lock anyone could set off:
 * - one email from one address: 5 free failures, then 1 s, 2 s, 4 s … up to 15 min between tries;
 * - one address, whatever the emails: 30 free failures, then the same growth (stops spraying from one address);
 * - one email from every address together: 20 free failures, then at most 30 s between tries — slows guessing
 *   from many addresses, and the owner, from their own address, still gets in within half a minute.
 * The client's address is the socket's unless TRUST_PROXY names the proxy in front (X-Forwarded-For is
 * otherwise not believed). On success the session id is regenerated (no session fixation) and the session
 * gets the login time (absolute lifetime) and a digest of the password hash (a password change ends it).
 */
/** A login or a failed one, for the change history's journal (the app passes the history's recorder). */
export interface LoginEvent {
  action: 'login' | 'login_failed';
  user?: { id: number; name: string };
  email: string;
  address: string | undefined;
}

export function buildAuthenticate(dataSource: DataSource, logger: Logger, recordLoginEvent: (event: LoginEvent) => Promise<void>) {
  const perEmailAtAddress = new LoginThrottle({ free: 5, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: WINDOW_MS });
  const perAddress = new LoginThrottle({ free: 30, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: WINDOW_MS });
  const perEmail = new LoginThrottle({ free: 20, baseDelayMs: 1000, maxDelayMs: 30 * 1000, windowMs: WINDOW_MS });
  return async (email: string, password: string, context?: { req?: Request }): Promise<SessionUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') return null;
    const emailKey = email.trim().toLowerCase().slice(0, 254);
    const addressKey = context?.req?.ip ?? 'unknown';
    const pairKey = `${emailKey}\n${addressKey}`;
    const wait = Math.max(perEmailAtAddress.retryAfterMs(pairKey), perAddress.retryAfterMs(addressKey), perEmail.retryAfterMs(emailKey));
    if (wait > 0) {
      logger.warn('login throttled', { email: emailKey, ip: addressKey, waitMs: wait });
      // @adminjs/express shows error.message through the translation messages.tooManyRequests.
      throw new AppError('TOO_MANY_LOGIN_ATTEMPTS', 'tooManyRequests');
    }
    // counted before the hash, in the same tick as the check: a burst of parallel guesses is refused as it arrives
    const reserved = [perEmailAtAddress.reserve(pairKey), perAddress.reserve(addressKey), perEmail.reserve(emailKey)];
    let user: Awaited<ReturnType<typeof authenticateUser>>;
    try {
      user = await authenticateUser(dataSource.manager, email, password);
    } catch (error) {
      for (const attempt of reserved) attempt.release(); // nothing was checked: not a failure of this user
      const answer = errorAnswer(error);
      if (answer?.status !== 503) throw error;
      logger.error('login impossible: database unavailable', { error });
      // the login page says it in Russian, with 503 instead of the login handler's 400 (src/app/app.ts), no server address
      if (context?.req?.res) context.req.res.locals.loginStatus = 503;
      throw new AppError('DATABASE_UNAVAILABLE', answer.message);
    }
    if (!user) {
      logger.warn('login refused', { email: emailKey, ip: addressKey });
      await recordLoginEvent({ action: 'login_failed', email: emailKey, address: context?.req?.ip });
      return null;
    }
    for (const attempt of reserved) attempt.release();
    perEmailAtAddress.reset(pairKey);
    const req = context?.req;
    if (req?.session) {
      await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
      const marks = req.session as typeof req.session & SessionMarks;
      marks.loggedInAt = Date.now();
      marks.credentialStamp = credentialStamp(user.passwordHash);
    }
    logger.info('login', { userId: user.id, role: user.role, ip: addressKey });
    await recordLoginEvent({ action: 'login', user: { id: user.id, name: user.displayName }, email: user.email, address: context?.req?.ip });
    return toSessionUser(user);
  };
}
