import type { Request, Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { passwordPageHtml } from '../engine/admin/login-page.js';
import { setActor } from '../engine/db/actor.js';
import { accessRoutes } from '../engine/http/access-router.js';
import { asyncRoute, currentUser } from '../engine/http/kit.js';
import { returnPath } from '../engine/http/login-gate.js';
import { credentialStamp, type SessionMarks } from '../engine/http/session-guard.js';
import { hashPassword, verifyPassword } from './password.js';
import { findWithPasswordHash, passwordWeakness } from './user.service.js';

/** Why a new password is refused, naming the field; null when it may be set. Pure. */
export function passwordChangeProblem(input: { currentMatches: boolean; password: string; repeat: string; current: string; email: string }): string | null {
  if (!input.currentMatches) return 'Текущий пароль: неверен — введите пароль, с которым вы вошли';
  const weakness = passwordWeakness(input.password, input.email);
  if (weakness) return `Новый пароль: ${weakness.replace(/^Пароль:?\s*/i, '')}`;
  if (input.password !== input.repeat) return 'Новый пароль ещё раз: не совпадает с новым паролем';
  if (input.password === input.current) return 'Новый пароль: должен отличаться от текущего';
  return null;
}

/**
 * «Смена пароля» (GET and POST {root}/password, for a logged-in user): a user whose password was generated is sent here
 * by the session guard before anything else; anyone may come to change theirs. The change is one UPDATE under the
 * user's name in the change history; the session carries on (its credential stamp follows the new hash), every
 * other session of the user ends.
 */
export function passwordChangeRoutes(deps: { dataSource: DataSource; root: string; hashCost: number; title: string; fontStylesheetHref: string }): Router {
  const routes = accessRoutes();
  const page = (res: Response, status: number, required: boolean, next: string, errorMessage: string | null) =>
    res
      .status(status)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        passwordPageHtml({
          action: `${deps.root}/password`,
          logoutAction: `${deps.root}/logout`,
          next,
          errorMessage,
          required,
          title: deps.title,
          fontStylesheetHref: deps.fontStylesheetHref,
          faviconHref: `${deps.root}/favicon.svg`,
        }),
      );
  const isRequired = async (userId: number): Promise<boolean> =>
    Boolean((await deps.dataSource.query(`SELECT password_change_required AS required FROM users WHERE id = $1`, [userId]))[0]?.required);
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 1000) : '');

  routes.get(
    '/password',
    'logged-in',
    asyncRoute(async (req, res) => {
      page(res, 200, await isRequired(currentUser(req)!.id), returnPath(req.query.next, deps.root) ?? deps.root, null);
    }),
  );
  routes.post(
    '/password',
    'logged-in',
    asyncRoute(async (req: Request, res) => {
      const user = currentUser(req)!;
      const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
      const [current, password, repeat] = [text(fields.current), text(fields.password), text(fields.repeat)];
      const next = returnPath(fields.next, deps.root) ?? deps.root;
      const stored = await findWithPasswordHash(deps.dataSource.manager, user.email);
      const currentMatches = Boolean(stored && current !== '' && (await verifyPassword(current, stored.passwordHash)));
      const problem = passwordChangeProblem({ currentMatches, password, repeat, current, email: user.email });
      if (problem) return void page(res, 400, await isRequired(user.id), next, problem);
      const hash = await hashPassword(password, deps.hashCost);
      await deps.dataSource.transaction(async (manager) => {
        await setActor(manager);
        await manager.query(`UPDATE users SET password_hash = $1, password_change_required = false, updated_at = now() WHERE id = $2`, [hash, user.id]);
      });
      (req.session as typeof req.session & SessionMarks).credentialStamp = credentialStamp(hash);
      // stored before the answer: express-session saves a changed session while the answer is already going out, and
      // the next request (the redirect, followed at once) would meet the old stamp and be logged out
      await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
      res.redirect(303, next);
    }),
  );
  return routes.router;
}
