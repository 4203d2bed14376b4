import express, { type Request, type Router } from 'express';
import type { SessionMarks } from './session-guard.js';

/**
 * Logout is a POST (from the panel's own pages, as every write): the session is destroyed and its cookie cleared.
 * A GET of the logout address (the panel's menu links to it, and so could another site) only asks to confirm.
 */
export function logoutRoutes(options: {
  cookieName: string;
  cookiePath: string;
  loginPath: string;
  /** Records the logout in the journal. */
  onLogout: (user: NonNullable<SessionMarks['adminUser']>, req: Request) => Promise<void>;
}): Router {
  const router = express.Router();
  router.get('/logout', (_req, res) => {
    res.type('html').send(`<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Выход — Реестр</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f7fb;display:flex;align-items:center;justify-content:center;height:100vh;margin:0}
form{background:#fff;padding:32px 40px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.1);text-align:center}
button{background:#3040d6;color:#fff;border:0;border-radius:4px;padding:10px 24px;font-size:15px;cursor:pointer}
a{display:block;margin-top:16px;color:#3040d6}</style></head>
<body><form method="post" action="logout"><p>Выйти из реестра?</p><button type="submit" autofocus>Выйти</button><a href="./">Остаться в реестре</a></form></body></html>`);
  });
  router.post('/logout', async (req, res, next) => {
    const finish = () => {
      res.clearCookie(options.cookieName, { path: options.cookiePath });
      res.redirect(303, options.loginPath);
    };
    if (!req.session) return finish();
    const user = (req.session as typeof req.session & SessionMarks).adminUser;
    try {
      if (user) await options.onLogout(user, req);
    } catch (error) {
      return next(error);
    }
    req.session.destroy((error) => (error ? next(error) : finish()));
  });
  return router;
}
