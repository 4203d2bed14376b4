import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { LoginThrottle, type Reservation } from './login-throttle.js';
import { AppError } from '../errors.js';
import { credentialStamp, type SessionMarks } from '../engine/http/session-guard.js';
import type { Logger } from '../logger.js';
import { authenticateUser, toSessionUser } from './user.service.js';
import { errorAnswer, type SessionUser } from '../engine/http/kit.js';
import { loginAddress } from '../engine/http/login-gate.js';

/** A login or a failed one, for the change history's journal (the app passes the history's recorder). */
export interface LoginEvent {
  action: 'login' | 'login_failed';
  user?: { id: number; name: string };
  email: string;
  address: string | undefined;
}

/**
 * The login check handed to @adminjs/express, with growing delays instead of a lock anyone could set off (the rules:
 * src/users/login-throttle.ts, counted in PostgreSQL for every server process).
 * The client's address is the socket's unless TRUST_PROXY names the proxy in front (X-Forwarded-For is
 * otherwise not believed). On success the session id is regenerated (no session fixation) and the session
 * gets the login time (absolute lifetime) and a digest of the password hash (a password change ends it).
 */
export function buildAuthenticate(dataSource: DataSource, logger: Logger, recordLoginEvent: (event: LoginEvent) => Promise<void>) {
  const throttle = new LoginThrottle(dataSource);
  return async (email: string, password: string, context?: { req?: Request }): Promise<SessionUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') return null;
    const emailKey = email.trim().toLowerCase().slice(0, 254);
    const addressKey = loginAddress(context?.req) ?? 'unknown';
    let reservation: Reservation | undefined;
    let user: Awaited<ReturnType<typeof authenticateUser>>;
    try {
      // counted before the hash, atomically in PostgreSQL: a burst of parallel guesses is refused as it arrives
      reservation = await throttle.reserve(emailKey, addressKey);
      if (reservation.waitMs > 0) {
        logger.warn('login throttled', { email: emailKey, ip: addressKey, waitMs: reservation.waitMs });
        // @adminjs/express shows error.message through the translation messages.tooManyRequests.
        throw new AppError('TOO_MANY_LOGIN_ATTEMPTS', 'tooManyRequests');
      }
      user = await authenticateUser(dataSource.manager, email, password);
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOO_MANY_LOGIN_ATTEMPTS') throw error;
      await reservation?.cancelled(); // nothing was checked: not a failure of this user
      const answer = errorAnswer(error);
      if (answer?.status !== 503) throw error;
      logger.error('login impossible: database unavailable', { error });
      // the login page says it in Russian, with 503 instead of the login handler's 400 (src/app/app.ts), no server address
      if (context?.req?.res) context.req.res.locals.loginStatus = 503;
      throw new AppError('DATABASE_UNAVAILABLE', answer.message);
    }
    if (!user) {
      logger.warn('login refused', { email: emailKey, ip: addressKey });
      await recordLoginEvent({ action: 'login_failed', email: emailKey, address: loginAddress(context?.req) });
      return null;
    }
    await reservation.succeeded();
    const req = context?.req;
    if (req?.session) {
      // the address to come back to (src/engine/http/login-gate.ts) outlives the old session id
      const redirectTo = (req.session as typeof req.session & { redirectTo?: string }).redirectTo;
      await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
      const marks = req.session as typeof req.session & SessionMarks & { redirectTo?: string };
      if (redirectTo) marks.redirectTo = redirectTo;
      marks.loggedInAt = Date.now();
      marks.credentialStamp = credentialStamp(user.passwordHash);
    }
    logger.info('login', { userId: user.id, role: user.role, ip: addressKey });
    await recordLoginEvent({ action: 'login', user: { id: user.id, name: user.displayName }, email: user.email, address: loginAddress(context?.req) });
    return toSessionUser(user);
  };
}
