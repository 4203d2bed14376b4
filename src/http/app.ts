import AdminJSExpress from '@adminjs/express';
import { Database as TypeormAdapterDatabase, Resource as TypeormAdapterResource } from '@adminjs/typeorm';
import AdminJS from 'adminjs';
import connectPgSimple from 'connect-pg-simple';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { buildAdminOptions, ADMIN_ROOT } from '../admin/admin-options.js';
import { buildAuthenticate } from '../admin/auth.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

AdminJS.registerAdapter({ Database: TypeormAdapterDatabase, Resource: TypeormAdapterResource });

export interface AppDependencies {
  config: Config;
  dataSource: DataSource;
  databaseUrl: string;
  sessionSecret: string;
  logger: Logger;
}

export interface App {
  app: Express;
  admin: AdminJS;
  /** Closes what the app opened itself (the session store's pool). */
  close(): Promise<void>;
}

const SESSION_COOKIE = 'cert.sid';

/** The Express application: the panel at /admin behind a login, sessions in PostgreSQL. Does not listen. */
export function createApp(deps: AppDependencies): App {
  const { config, dataSource, logger } = deps;
  const admin = new AdminJS(buildAdminOptions({ dataSource, config, logger }));
  const sessionPool = new pg.Pool({ connectionString: deps.databaseUrl, max: 3, application_name: 'cert-ecosystem-sessions' });
  const PgStore = connectPgSimple(session);
  const store = new PgStore({ pool: sessionPool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  app.get('/', (_req, res) => res.redirect(ADMIN_ROOT));
  app.get('/healthz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: buildAuthenticate(dataSource, logger.child('auth')),
      cookieName: SESSION_COOKIE,
      cookiePassword: deps.sessionSecret,
    },
    null,
    {
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      secret: deps.sessionSecret,
      name: SESSION_COOKIE,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        maxAge: config.sessionTtlHours * 3600 * 1000,
        path: '/',
      },
    },
  );
  app.use(admin.options.rootPath, router);

  app.use((_req, res) => res.status(404).type('text/plain; charset=utf-8').send('Страница не найдена'));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error('request failed', { method: req.method, url: req.originalUrl, error });
    if (!res.headersSent) res.status(500).type('text/plain; charset=utf-8').send('Внутренняя ошибка сервера');
  });

  return { app, admin, close: () => sessionPool.end() };
}
