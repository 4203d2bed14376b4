import AdminJSExpress from '@adminjs/express';
import { Database as TypeormAdapterDatabase, Resource as TypeormAdapterResource } from '@adminjs/typeorm';
import AdminJS from 'adminjs';
import express, { type Express, type Request, type Response } from 'express';
import session from 'express-session';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { buildAdminOptions, ADMIN_ROOT, REGISTRY_TITLE } from './admin-options.js';
import { buildAuthenticate } from '../users/panel-login.js';
import { toSessionUser } from '../users/user.service.js';
import { ru } from '../engine/admin/locale/ru.js';
import { loginPageHtml } from '../engine/admin/login-page.js';
import { hideAddressFromAdminJs, keepTypedEmail, loginContext, loginGate } from '../engine/http/login-gate.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import type { Config } from '../config.js';
import { runAs } from '../engine/db/actor.js';
import { ChangeHistory } from '../history/history.service.js';
import { recordSessionEvent } from '../history/session-events.js';
import { historyVocabulary, journalColumns } from '../history/history-vocabulary.js';
import { panelResources } from './panel-resources.js';
import { createScanStorage, type ScanStorage } from '../documents/scan-storage.js';
import { createEgrulClient } from '../egrul/egrul-client.js';
import type { Logger } from '../logger.js';
import { answerMessage } from '../engine/http/answer.js';
import { answerOfAdminJs, apiGuard } from '../engine/http/api-guard.js';
import { boundedBody } from '../engine/http/bounded-body.js';
import { fontRoutes, fontStylesheetPath } from '../engine/http/fonts.routes.js';
import { contentSecurityPolicy, panelPageRewrites } from '../engine/http/inline-state.js';
import { componentsBundlePath, panelAssets } from '../engine/http/panel-assets.js';
import { logoutRoutes } from '../engine/http/logout.routes.js';
import { panelDataRouter } from './panel-data.js';
import { currentUser, httpErrorHandler } from '../engine/http/kit.js';
import { sameOriginWrites } from '../engine/http/same-origin.js';
import { sessionGuard } from '../engine/http/session-guard.js';
import { passwordChangeRoutes } from '../users/password-change.routes.js';
import { createSessionStore } from '../engine/http/session-store.js';

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
/** Bytes a panel action's body may have (its longest fields, 10,000 characters of a letter, many times over). */
export const ACTION_BODY_LIMIT = 512 * 1024;
/** Bytes of a login form. */
export const LOGIN_BODY_LIMIT = 8 * 1024;

/** The Express application: the panel at /admin behind a login, sessions in PostgreSQL. Does not listen. */
const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The first segments of the panel's own addresses (AdminJS's pages and API, ours under /data and /fonts). */
const PANEL_ROUTES = new Set(['', 'resources', 'pages', 'api', 'frontend', 'login', 'logout', 'data', 'fonts', 'favicon.svg']);

export function createApp(deps: AppDependencies): App {
  const { config, dataSource, logger } = deps;
  const storage = createScanStorage(config.files.dir, config.files.maxUploadBytes, config.files.storage);
  const egrul = createEgrulClient(config.egrul);
  // the change history speaks the sections' words, and the journal's section uses the history: the sections are
  // made first and ask for the history (and the journal's export columns) only when a request needs them
  const definitions = panelResources({
    dataSource,
    timeZone: config.timeZone,
    logger,
    storage,
    egrul,
    history: () => history,
    journalColumns: () => journal,
  });
  const vocabulary = historyVocabulary(dataSource, definitions);
  const history = new ChangeHistory(dataSource, vocabulary, config.timeZone);
  const journal = journalColumns(vocabulary, config.timeZone);
  const exports = Object.fromEntries(definitions.flatMap((definition) => (definition.export ? [[definition.entity.name, definition.export] as const] : [])));
  const admin = new AdminJS(buildAdminOptions({ dataSource, timeZone: config.timeZone, definitions }));
  // the login page is a plain server-rendered form (src/engine/admin/login-page.ts), usable before any script loads
  admin.renderLogin = async ({ action, errorMessage }) =>
    loginPageHtml({
      action: action ?? `${ADMIN_ROOT}/login`,
      errorMessage,
      // why the login is asked for, and the email of a refused one (src/engine/http/login-gate.ts)
      notice: loginContext.getStore()?.notice ?? null,
      email: errorMessage ? (loginContext.getStore()?.email ?? null) : null,
      messages: ru.messages,
      title: REGISTRY_TITLE,
      fontStylesheetHref: fontStylesheetPath(ADMIN_ROOT),
      faviconHref: `${ADMIN_ROOT}/favicon.svg`,
    });
  // Session writes do not wait for the disk (a crash could at most log someone out): a login or an expiry
  // update costs a fraction of a millisecond instead of a WAL flush.
  const sessionPool = new pg.Pool({
    connectionString: deps.databaseUrl,
    max: 4,
    application_name: 'cert-ecosystem-sessions',
    options: '-c synchronous_commit=off',
    statement_timeout: config.statementTimeoutMs,
  });
  // a dropped connection (PostgreSQL restarted, an idle connection killed) must not end the process: pg emits
  // 'error' on the pool for an idle client, and an 'error' nobody listens to is thrown
  sessionPool.on('error', (error) => logger.warn('session store connection lost', { error: error.message }));
  const store = createSessionStore(sessionPool);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    // every answer: the panel's own sources only, no inline script; a panel page replaces it with its own nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy());
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

  app.use(ADMIN_ROOT, fontRoutes(ADMIN_ROOT));
  const assets = panelAssets(ADMIN_ROOT, componentsBundlePath(), {
    // every node's bundles in PostgreSQL for a month: a rolling deploy serves each build's pages from either node
    publish: async (bundles) => {
      try {
        // the bytes travel only for a build not published yet; a known one is only marked as still running
        const known: { hashed_name: string }[] = await dataSource.query(
          `WITH seen AS (UPDATE panel_bundles SET published_at = now() WHERE hashed_name = ANY($1) RETURNING hashed_name) SELECT hashed_name FROM seen`,
          [bundles.map((bundle) => bundle.hashedName)],
        );
        const missing = bundles.filter((bundle) => !known.some((row) => row.hashed_name === bundle.hashedName));
        for (const bundle of missing) {
          await dataSource.query(`INSERT INTO panel_bundles (hashed_name, body) VALUES ($1, $2) ON CONFLICT (hashed_name) DO NOTHING`, [
            bundle.hashedName,
            bundle.raw,
          ]);
        }
        await dataSource.query(`DELETE FROM panel_bundles WHERE published_at < now() - interval '30 days'`);
      } catch (error) {
        logger.warn('panel bundles not published for the other nodes', { error: String(error) });
        throw error;
      }
    },
    find: async (hashedName) =>
      ((await dataSource.query(`SELECT body FROM panel_bundles WHERE hashed_name = $1`, [hashedName])) as { body: Buffer }[])[0]?.body ?? null,
  });
  assets.warm().catch((error: unknown) => logger.warn('panel bundles not compressed ahead', { error: String(error) }));
  app.use(ADMIN_ROOT, assets.router);
  const sessionMiddleware = session(sessionOptions);
  // every state-changing request under /admin comes from the panel's own pages (CSRF), then the session and
  // the user behind it are checked on every request (deactivated, deleted, password changed, too old)
  app.use(ADMIN_ROOT, sameOriginWrites(config.publicUrl));
  app.use(
    ADMIN_ROOT,
    sessionMiddleware,
    sessionGuard(dataSource, {
      absoluteLifetimeMs: config.sessionMaxHours * 3600 * 1000,
      loginPath: `${ADMIN_ROOT}/login`,
      passwordPath: '/password',
      sessionUserOf: toSessionUser,
    }),
  );
  // every write of a logged-in user's request is theirs in the change history (src/engine/db/actor.ts)
  app.use(ADMIN_ROOT, (req, _res, next) => {
    const user = currentUser(req);
    if (!user) return next();
    runAs({ id: user.id, name: `${user.name} (${user.email})`, source: 'panel', address: req.ip }, next);
  });
  app.use(
    ADMIN_ROOT,
    logoutRoutes({
      cookieName: SESSION_COOKIE,
      cookiePath: '/',
      loginPath: `${ADMIN_ROOT}/login`,
      onLogout: (user, req) => recordSessionEvent(dataSource, { action: 'logout', user: { id: user.id, name: user.name }, email: user.email, address: req.ip }),
    }),
  );

  // documents' scans: our own upload and download routes, behind the same session as the panel
  app.use(
    `${ADMIN_ROOT}/data`,
    panelDataRouter({
      dataSource,
      storage,
      timeZone: config.timeZone,
      logger,
      session: sessionMiddleware,
      history,
      exports,
      egrul,
      letterNumbers: config.letterNumbers,
      findResource: (resourceId) => {
        try {
          return admin.findResource(resourceId);
        } catch {
          return undefined; // AdminJS throws for an unknown id
        }
      },
    }),
  );

  // bodies are read here, within their limits, before AdminJS (whose parser has none); the API is checked before
  // AdminJS and its answers on the way out; pages get their inline state script-safe
  // without a login: a page goes to the login page and comes back after it, the API answers 401 (before any body is read)
  app.use(ADMIN_ROOT, loginGate({ root: ADMIN_ROOT, loginPath: '/login', logoutPath: '/logout', dataPath: '/data' }));
  app.use(ADMIN_ROOT, boundedBody({ actionBytes: ACTION_BODY_LIMIT, loginBytes: LOGIN_BODY_LIMIT, loginPath: '/login' }));
  // «Смена пароля»: a generated password is replaced before anything else (the session guard sends the user there)
  app.use(
    ADMIN_ROOT,
    passwordChangeRoutes({
      dataSource,
      root: ADMIN_ROOT,
      hashCost: config.passwordHashCost,
      title: REGISTRY_TITLE,
      fontStylesheetHref: fontStylesheetPath(ADMIN_ROOT),
    }),
  );
  app.use(
    ADMIN_ROOT,
    apiGuard(admin),
    answerOfAdminJs,
    panelPageRewrites(
      fontStylesheetPath(ADMIN_ROOT),
      // the registry's time zone for the panel's dates (components/engine/date-format.ts)
      (html) => assets.rewritePage(html).replace('</head>', `<meta name="cert-time-zone" content="${escapeAttribute(config.timeZone)}"></head>`),
      Object.values(NAVIGATION).map((group) => group.name),
    ),
  );
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: buildAuthenticate(dataSource, logger.child('auth'), (event) => recordSessionEvent(dataSource, event)),
      cookieName: SESSION_COOKIE,
      cookiePassword: deps.sessionSecret,
    },
    null,
    sessionOptions,
    // never used: boundedBody has parsed every body (express-formidable skips a parsed request); kept bounded
    { maxFileSize: 1, maxFieldsSize: ACTION_BODY_LIMIT, maxFields: 1000 },
  );
  // a login that could not be checked (the database away) is answered 503, not the login handler's 400
  app.post(
    `${ADMIN_ROOT}/login`,
    (_req, res, next) => {
      const status = res.status.bind(res);
      res.status = (code: number) => status(code === 400 && res.locals.loginStatus === 503 ? 503 : code);
      next();
    },
    keepTypedEmail,
    hideAddressFromAdminJs,
  );
  // an address inside the panel that it does not know: the panel's page with its menu says «Страница не найдена» (404),
  // not a bare text (the panel shows its dashboard's route for it: components/dashboard/dashboard.tsx)
  app.get(`${ADMIN_ROOT}/*`, (req, res, next) => {
    const first = req.path.slice(ADMIN_ROOT.length + 1).split('/')[0] ?? '';
    if (PANEL_ROUTES.has(first) || !req.accepts('html')) return next();
    res.status(404);
    req.url = ADMIN_ROOT;
    next();
  });
  app.use(admin.options.rootPath, router);

  app.use((req, res) => answerError(req, res, 404, 'Страница не найдена'));
  app.use(httpErrorHandler(logger));

  return { app, admin, storage, close: () => sessionPool.end() };
}

function answerError(req: Request, res: Response, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  answerMessage(req, res, status, message);
}
