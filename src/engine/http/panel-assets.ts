import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express, { type Request, type Router } from 'express';
import { PANEL_STYLESHEET } from './panel-stylesheet.js';

/**
 * The panel's four script bundles, served by us instead of AdminJS's router, in every mode the same way:
 * - minified: the production builds AdminJS and its design system ship, and our component bundle that
 *   `npm run build` makes in production mode. AdminJS picks its 26 MB development builds whenever NODE_ENV is not
 *   `production`, which is the zero-config start; those also log ~300 i18next warnings and a duplicate @emotion
 *   warning per page;
 * - compressed: brotli or gzip, whichever the browser accepts, each made once per process;
 * - cached for a year: the page links each bundle under a name that carries its content's hash, so a new build
 *   is a new address.
 * Public, as the fonts: the login page needs them before anyone logs in.
 */
const require = createRequire(import.meta.url);
// both packages' entry points resolve to a file one folder below the package (index.js, build/index.js)
const ADMINJS_SCRIPTS = path.join(path.dirname(require.resolve('adminjs')), 'lib/frontend/assets/scripts');
const DESIGN_SYSTEM = path.join(path.dirname(require.resolve('@adminjs/design-system')), '../bundle.production.js');

/** Where `npm run build` writes the panel's component bundle (AdminJS's own place for it). */
export const componentsBundlePath = (): string => path.resolve(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs', 'bundle.js');

/** The bundle names AdminJS's page templates link, and the file each is served from. */
export function bundleSources(componentsBundle: string): Record<string, string> {
  return {
    'global.bundle.js': path.join(ADMINJS_SCRIPTS, 'global-bundle.production.js'),
    'design-system.bundle.js': DESIGN_SYSTEM,
    'app.bundle.js': path.join(ADMINJS_SCRIPTS, 'app-bundle.production.js'),
    'components.bundle.js': componentsBundle,
  };
}

interface Bundle {
  hashedName: string;
  raw: Buffer;
  compressed: Map<'br' | 'gzip', Promise<Buffer>>;
}

const YEAR = 'public, max-age=31536000, immutable';
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** `app.bundle.js` → `app.bundle.3f9c0a1b2c4d.js`. Pure. */
export function hashedBundleName(name: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return name.replace(/\.js$/, `.${hash}.js`);
}

/** The encoding to answer with for an Accept-Encoding header: brotli first, then gzip, else none. Pure. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [coding = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return [coding.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
}

/**
 * Bundles shared by every node of the registry (PostgreSQL, table panel_bundles): during a rolling deploy a page of
 * one build asks a node of the other for its bundles by their hashed names, and gets them.
 */
export interface SharedBundles {
  /** Makes this build's bundles findable by every node. */
  publish(bundles: { hashedName: string; raw: Buffer }[]): Promise<void>;
  find(hashedName: string): Promise<Buffer | null>;
}

export interface PanelAssets {
  router: Router;
  /** A page's HTML with each bundle linked under its hashed name and our favicon added (the first publishes the bundles). */
  rewritePage(html: string): string;
  /** Compresses the bundles now, in the background, so that the first visitor does not wait for it. */
  warm(): Promise<void>;
}

/** Compressed bundles by encoding and content hash: made once per process, whichever app asks (tests build many). */
const compressedByContent = new Map<string, Promise<Buffer>>();

function compressedOnce(bundle: Bundle, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const key = `${encoding} ${bundle.hashedName}`;
  let made = compressedByContent.get(key);
  if (!made) {
    made =
      encoding === 'br'
        ? brotli(bundle.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bundle.raw.length } })
        : gzip(bundle.raw, { level: 9 });
    made.catch(() => compressedByContent.delete(key));
    compressedByContent.set(key, made);
  }
  return made;
}

export function panelAssets(root: string, componentsBundle = componentsBundlePath(), shared?: SharedBundles): PanelAssets {
  const sources = bundleSources(componentsBundle);
  let bundles: Map<string, Bundle> | undefined;
  // read on first use, not at start: the component bundle may be built after the app object is created
  const loaded = (): Map<string, Bundle> => {
    if (bundles) return bundles;
    const found = new Map<string, Bundle>();
    for (const [name, file] of Object.entries(sources)) {
      // without `npm run build` (tsx watch) AdminJS makes the component bundle itself, later: until then it serves it
      if (!existsSync(file)) continue;
      const raw = readFileSync(file);
      found.set(name, { hashedName: hashedBundleName(name, raw), raw, compressed: new Map() });
    }
    if (found.size === Object.keys(sources).length) bundles = found;
    return found;
  };
  const byHashedName = (hashedName: string) => [...loaded().values()].find((b) => b.hashedName === hashedName);
  // this build's bundles published once, when the first page linking them is served (a process that serves no page —
  // a test's app, a CLI — writes nothing); a failure is logged by the caller's store and tried again on the next page
  let published: Promise<void> | null = null;
  const publishOnce = () => {
    const own = loaded();
    if (!shared || published || own.size !== Object.keys(sources).length) return;
    published = shared.publish([...own.values()].map(({ hashedName, raw }) => ({ hashedName, raw }))).catch(() => {
      published = null;
    });
  };
  // other builds' bundles found in the shared store: a few kept (a deploy mixes two builds, not more)
  const others = new Map<string, Bundle>();
  const otherBuild = async (hashedName: string): Promise<Bundle | null> => {
    const kept = others.get(hashedName);
    if (kept) return kept;
    const raw = shared ? await shared.find(hashedName) : null;
    if (!raw) return null;
    const bundle = { hashedName, raw, compressed: new Map() };
    if (others.size >= 8) others.delete(others.keys().next().value!);
    others.set(hashedName, bundle);
    return bundle;
  };

  const compressedOf = (bundle: Bundle, encoding: 'br' | 'gzip'): Promise<Buffer> => {
    let made = bundle.compressed.get(encoding);
    if (!made) {
      made = compressedOnce(bundle, encoding);
      bundle.compressed.set(encoding, made);
    }
    return made;
  };

  const send = async (req: Request, res: express.Response, bundle: Bundle, cacheControl: string) => {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const body = encoding ? await compressedOf(bundle, encoding) : bundle.raw;
    res.set({ 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' });
    if (encoding) res.set('Content-Encoding', encoding);
    res.send(body);
  };

  // the panel's own stylesheet (panel-stylesheet.ts), under a name that carries its content's hash
  const stylesheetName = `panel.${createHash('sha256').update(PANEL_STYLESHEET).digest('hex').slice(0, 12)}.css`;
  const router = express.Router();
  router.get('/frontend/assets/:file', (req, res, next) => {
    const file = req.params.file ?? '';
    const hashed = byHashedName(file);
    if (hashed) return void send(req, res, hashed, YEAR).catch(next);
    // the plain name (an old page, a bookmark): the same minified bundle, revalidated every time
    const plain = sources[file] ? loaded().get(file) : undefined;
    if (plain) return void send(req, res, plain, 'no-cache').catch(next);
    // a hashed name of another build: a node of it published it (a rolling deploy), or the build is gone (a page
    // left open over an upgrade): not found, rather than a mixed panel
    if (/^[\w-]+\.bundle\.[0-9a-f]{12}\.js$/.test(file)) {
      return void otherBuild(file)
        .then((other) =>
          other ? send(req, res, other, YEAR) : void res.status(404).type('text/plain; charset=utf-8').send('Панель обновлена: перезагрузите страницу'),
        )
        .catch(next);
    }
    next();
  });
  router.get(`/frontend/assets/${stylesheetName}`, (_req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': YEAR }).send(PANEL_STYLESHEET);
  });
  router.get('/favicon.svg', (_req, res) => {
    res.set({ 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }).send(FAVICON);
  });

  const LINKED = /src="([^"]*\/frontend\/assets\/)((?:global|design-system|app|components)\.bundle\.js)"/g;
  return {
    router,
    warm: async () => {
      for (const bundle of loaded().values()) await Promise.all([compressedOf(bundle, 'br'), compressedOf(bundle, 'gzip')]);
    },
    rewritePage: (html) => {
      publishOnce();
      return html
        .replace(LINKED, (whole, prefix: string, name: string) => {
          const bundle = loaded().get(name);
          return bundle ? `src="${prefix}${bundle.hashedName}"` : whole;
        })
        .replace(
          '</head>',
          `<link rel="icon" type="image/svg+xml" href="${root}/favicon.svg"><link rel="stylesheet" href="${root}/frontend/assets/${stylesheetName}"></head>`,
        );
    },
  };
}

/** A registry card with a check mark, in the panel's blue. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect x="3" y="2" width="26" height="28" rx="4" fill="#3040D6"/>' +
  '<rect x="8" y="8" width="16" height="2.5" rx="1.2" fill="#fff"/>' +
  '<rect x="8" y="14" width="16" height="2.5" rx="1.2" fill="#fff"/>' +
  '<rect x="8" y="20" width="10" height="2.5" rx="1.2" fill="#fff"/></svg>';
