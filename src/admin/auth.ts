import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { LoginThrottle } from '../auth/login-throttle.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { authenticateUser, toSessionUser, type SessionUser } from '../users/user.service.js';

const WINDOW_MS = 15 * 60 * 1000;

/**
 * The login check handed to @adminjs/express. Failed attempts are throttled per email (10 in 15 min) and per
 * address (50 in 15 min). On success the session id is regenerated (no session fixation); the session then
 * carries only {id, email, title, role}.
 */
export function buildAuthenticate(dataSource: DataSource, logger: Logger) {
  const perEmail = new LoginThrottle(10, WINDOW_MS);
  const perAddress = new LoginThrottle(50, WINDOW_MS);
  return async (email: string, password: string, context?: { req?: Request }): Promise<SessionUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') return null;
    const emailKey = email.trim().toLowerCase();
    const addressKey = context?.req?.ip ?? 'unknown';
    if (perEmail.isBlocked(emailKey) || perAddress.isBlocked(addressKey)) {
      logger.warn('login throttled', { email: emailKey.slice(0, 254), ip: addressKey });
      // @adminjs/express shows error.message through the translation messages.tooManyRequests.
      throw new AppError('TOO_MANY_LOGIN_ATTEMPTS', 'tooManyRequests');
    }
    const user = await authenticateUser(dataSource.manager, email, password);
    if (!user) {
      perEmail.recordFailure(emailKey);
      perAddress.recordFailure(addressKey);
      logger.warn('login refused', { email: emailKey.slice(0, 254), ip: addressKey });
      return null;
    }
    perEmail.reset(emailKey);
    const req = context?.req;
    if (req?.session) {
      await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    }
    logger.info('login', { userId: user.id, role: user.role });
    return toSessionUser(user);
  };
}
