import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { authenticateUser, toSessionUser, type SessionUser } from '../users/user.service.js';
import type { Logger } from '../logger.js';

/**
 * The login check handed to @adminjs/express. On success the session id is regenerated (no session
 * fixation); the session then carries only {id, email, title, role}.
 */
export function buildAuthenticate(dataSource: DataSource, logger: Logger) {
  return async (email: string, password: string, context?: { req?: Request }): Promise<SessionUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') return null;
    const user = await authenticateUser(dataSource.manager, email, password);
    if (!user) {
      logger.warn('login refused', { email: email.slice(0, 254), ip: context?.req?.ip });
      return null;
    }
    const req = context?.req;
    if (req?.session) {
      await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    }
    logger.info('login', { userId: user.id, role: user.role });
    return toSessionUser(user);
  };
}
