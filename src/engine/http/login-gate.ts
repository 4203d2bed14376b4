import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { answerMessage, wantsJson } from './answer.js';

/**
 * The panel's door for requests without a logged-in user, before any body is read or AdminJS runs:
 * - a page (GET) is remembered as the address to come back to after the login, and the browser goes to the login
 *   page (AdminJS's own redirect forgot the address: a link opened while logged out ended on the dashboard);
 * - the API answers 401 with a Russian message (AdminJS answered a 302 to the login page, which its front end took
 *   for «Your session expired» and left the page, a half-filled form with it): the panel's form keeps its draft
 *   and goes to the login page itself (components/engine/record-form.tsx);
 * - the login page is told why it is shown (`?expired=1`) and where to go after (`?next=`), and a wrong password
 *   keeps the typed email (loginContext, read by the page's renderer).
 */
export interface LoginPageContext {
  /** A line above the form: why the login is asked for. */
  notice?: string;
  /** The email typed before a refused login. */
  email?: string;
}

export const loginContext = new AsyncLocalStorage<LoginPageContext>();

export const EXPIRED_NOTICE = 'Сессия истекла — войдите снова, введённое сохранено';
export const SESSION_ENDED_NOTICE = 'Сессия истекла — войдите снова.';

/**
 * A path of the panel to return to after the login, or null: only `{root}/…` of this site (never another host,
 * `//host`, a scheme, the login or logout pages themselves, nor anything over 2,000 characters). Pure.
 */
export function returnPath(candidate: unknown, root: string): string | null {
  if (typeof candidate !== 'string' || candidate.length > 2000) return null;
  if (!candidate.startsWith(`${root}/`) && candidate !== root) return null;
  if (/[\\\s]/.test(candidate) || candidate.startsWith('//')) return null;
  const path = candidate.split(/[?#]/)[0]!;
  if (path === `${root}/login` || path.startsWith(`${root}/logout`)) return null;
  return candidate;
}

type PanelSession = { adminUser?: unknown; redirectTo?: string } & Record<string, unknown>;

export function loginGate(options: { root: string; loginPath: string; logoutPath: string; dataPath: string }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const session = req.session as unknown as PanelSession | undefined;
    const path = req.path; // within the panel's root
    if (path === options.loginPath) {
      if (req.method === 'GET') {
        const back = returnPath(req.query.next, options.root);
        if (back && session) session.redirectTo = back;
        const notice =
          req.query.expired === '1'
            ? EXPIRED_NOTICE
            : req.query.expired === 'session'
              ? SESSION_ENDED_NOTICE
              : back
                ? 'Войдите, чтобы открыть страницу.'
                : undefined;
        return loginContext.run(notice ? { notice } : {}, next);
      }
      return next(); // the login itself: its body is read (bounded) first, then keepTypedEmail
    }
    if (session?.adminUser || path.startsWith(options.logoutPath) || path.startsWith(options.dataPath)) return next();
    if (req.method === 'GET' && !wantsJson(req)) {
      // only a page the browser navigated to (never an image or a script it fetched on the way) is come back to
      const navigation = (req.get('accept') ?? '').includes('text/html');
      const back = navigation ? returnPath(req.originalUrl, options.root) : null;
      const login = `${options.root}${options.loginPath}`;
      return res.redirect(back && back !== options.root ? `${login}?${new URLSearchParams({ next: back })}` : login);
    }
    answerMessage(req, res, 401, 'Сессия истекла или вход не выполнен — войдите снова.'); // the API, and any write
  };
}

/** After the login's body is read: a refused login shows the form again with the email that was typed. */
export function keepTypedEmail(req: Request, _res: Response, next: NextFunction): void {
  const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
  const email = typeof fields.email === 'string' ? fields.email.slice(0, 254) : undefined;
  loginContext.run(email ? { email } : {}, next);
}

/**
 * AdminJS's login handler keeps a retry counter per client address in a process-wide Map that never shrinks
 * (@adminjs/express, login.handler.js `Retry`). The panel sets no `maxRetries` — the throttle is PostgreSQL's, counted
 * across every server (src/users/login-throttle.ts) — so that counter decides nothing, but each new address would
 * stay in the Map for the life of the process. The handler is shown one address for all; the real one is kept for
 * the throttle and the history (`loginAddress`).
 */
export function hideAddressFromAdminJs(req: Request, res: Response, next: NextFunction): void {
  res.locals.clientAddress = req.ip;
  Object.defineProperty(req, 'ip', { value: 'login', configurable: true });
  next();
}

/** The client's address on the login request (see hideAddressFromAdminJs). */
export const loginAddress = (req: Request | undefined): string | undefined => (req?.res?.locals.clientAddress as string | undefined) ?? req?.ip;
