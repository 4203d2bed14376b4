import AdminJSExpress from '@adminjs/express';
import { Database as TypeormAdapterDatabase, Resource as TypeormAdapterResource } from '@adminjs/typeorm';
import AdminJS from 'adminjs';
import { rm } from 'node:fs/promises';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { buildAdminOptions, ADMIN_ROOT } from '../admin/admin-options.js';
import { buildAuthenticate } from '../admin/auth.js';
import type { Config } from '../config.js';
import { createScanStorage, type ScanStorage } from '../documents/scan-storage.js';
import type { Logger } from '../logger.js';
import { panelDataRouter } from './panel-data.routes.js';
import { createSessionStore } from './session-store.js';

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
  storage: ScanStorage;
  /** Closes what the app opened itself (the session store's pool). */
  close(): Promise<void>;
}

const SESSION_COOKIE = 'cert.sid';

/** The Express application: the panel at /admin behind a login, sessions in PostgreSQL. Does not listen. */
export function createApp(deps: AppDependencies): App {
  const { config, dataSource, logger } = deps;
  const storage = createScanStorage(config.files.dir, config.files.maxUploadBytes);
  const admin = new AdminJS(buildAdminOptions({ dataSource, config, logger, storage }));
  // Session writes do not wait for the disk (a crash could at most log someone out): a login or an expiry
  // update costs a fraction of a millisecond instead of a WAL flush.
  const sessionPool = new pg.Pool({
    connectionString: deps.databaseUrl,
    max: 4,
    application_name: 'cert-ecosystem-sessions',
    options: '-c synchronous_commit=off',
  });
  const store = createSessionStore(sessionPool);

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

  const sessionOptions: session.SessionOptions = {
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
  };

  // documents' scans: our own upload and download routes, behind the same session as the panel
  app.use(
    `${ADMIN_ROOT}/data`,
    panelDataRouter({
      dataSource,
      storage,
      timeZone: config.timeZone,
      logger: logger.child('documents'),
      session: session(sessionOptions),
      findResource: (resourceId) => {
        try {
          return admin.findResource(resourceId);
        } catch {
          return undefined; // AdminJS throws for an unknown id
        }
      },
    }),
  );

  // No panel action takes files; express-formidable would keep anything posted to one in the temporary
  // directory forever (stack-notes §1), so such files are deleted when the response is done.
  app.use(ADMIN_ROOT, (req, res, next) => {
    res.on('close', () => {
      const files = (req as { files?: Record<string, { path?: string } | { path?: string }[]> }).files;
      for (const file of Object.values(files ?? {}).flat()) {
        if (file?.path) void rm(file.path, { force: true });
      }
    });
    next();
  });
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: buildAuthenticate(dataSource, logger.child('auth')),
      cookieName: SESSION_COOKIE,
      cookiePassword: deps.sessionSecret,
    },
    null,
    sessionOptions,
    { maxFileSize: config.files.maxUploadBytes, maxFieldsSize: 2 * 1024 * 1024, maxFields: 1000 },
  );
  app.use(admin.options.rootPath, router);

  app.use((_req, res) => res.status(404).type('text/plain; charset=utf-8').send('Страница не найдена'));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error('request failed', { method: req.method, url: req.originalUrl, error });
    if (!res.headersSent) res.status(500).type('text/plain; charset=utf-8').send('Внутренняя ошибка сервера');
  });

  return { app, admin, storage, close: () => sessionPool.end() };
}
