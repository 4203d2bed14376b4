import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { answerMessage, wantsJson } from './answer.js';
import type { UserRole } from '../../../entities/user.entity.js';
import type { SessionUser } from './kit.js';

/** What the panel keeps in a session beside AdminJS's `adminUser`. */
export interface SessionMarks {
  adminUser?: SessionUser;
  /** When the user logged in (ms): the absolute lifetime counts from here, whatever the activity. */
  loggedInAt?: number;
  /** A digest of the password hash at login: a changed password ends every older session. */
  credentialStamp?: string;
}

/** A digest of a password hash (never the hash itself in the session). */
export const credentialStamp = (passwordHash: string): string => createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: UserRole;
  is_active: boolean;
  password_hash: string;
  password_change_required: boolean;
}

/** Addresses under the panel a user with a generated password may still open: the change itself and the way out. */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['/password', '/logout']);

/**
 * Every request of a logged-in user is checked against the users table: a user deactivated, deleted or whose
 * password was changed is logged out at the next request; a changed role or email takes effect at once (a demoted
 * admin is a clerk from the next click). A session older than the absolute lifetime ends however active it is. A user
 * whose password was generated is sent to change it first (nothing else opens until then).
 */
export function sessionGuard(
  dataSource: DataSource,
  options: {
    absoluteLifetimeMs: number;
    loginPath: string;
    /** The page where a generated password is replaced (relative to the panel's root: '/password'). */
    passwordPath: string;
    /** The session's user made from the users row (the users feature's rule: its title with the role's name). */
    sessionUserOf(row: { id: number; email: string; displayName: string; role: UserRole }): SessionUser;
  },
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = req.session as (typeof req.session & SessionMarks) | undefined;
    const user = session?.adminUser;
    if (!session || !user) return next();
    try {
      const expired = Date.now() - (session.loggedInAt ?? 0) > options.absoluteLifetimeMs;
      const [row] = expired
        ? []
        : ((await dataSource.query('SELECT id, email, display_name, role, is_active, password_hash, password_change_required FROM users WHERE id = $1', [
            user.id,
          ])) as UserRow[]);
      if (!row || !row.is_active || credentialStamp(row.password_hash) !== session.credentialStamp) {
        await new Promise<void>((resolve) => session.destroy(() => resolve()));
        const message = expired ? 'Сеанс истёк — войдите снова.' : 'Сеанс завершён: учётная запись изменена или отключена — войдите снова.';
        // a page comes back after the login (login-gate.ts keeps the address), the login page says why
        if (req.method === 'GET' && !wantsJson(req)) {
          res.redirect(`${options.loginPath}?${new URLSearchParams({ next: req.originalUrl.slice(0, 2000), expired: 'session' })}`);
        } else answerMessage(req, res, 401, message);
        return;
      }
      // a generated password is replaced before anything else: pages go to the change, the API refuses
      if (row.password_change_required && !OPEN_BEFORE_PASSWORD_CHANGE.has(req.path)) {
        if (req.method === 'GET' && !wantsJson(req)) {
          res.redirect(`${req.baseUrl}${options.passwordPath}?${new URLSearchParams({ next: req.originalUrl.slice(0, 2000) })}`);
        } else answerMessage(req, res, 403, 'Сначала смените пароль, выданный при установке: откройте любую страницу реестра.');
        return;
      }
      const fresh = options.sessionUserOf({ id: row.id, email: row.email, displayName: row.display_name, role: row.role });
      if (fresh.role !== user.role || fresh.email !== user.email || fresh.title !== user.title || fresh.name !== user.name) session.adminUser = fresh;
      next();
    } catch (error) {
      next(error);
    }
  };
}
