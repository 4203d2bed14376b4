import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Roboto, the panel's font, from our own server (the @fontsource/roboto package) instead of fonts.googleapis.com:
 * the registry usually runs on an isolated network, where the login page stayed blank until that request failed.
 * Cyrillic and Latin, the four weights AdminJS uses. The address carries the package's version, so the files are
 * cached for a year. Public, as the panel's other assets: the login page needs them before anyone logs in.
 */
const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@fontsource/roboto/package.json'));
const VERSION = (require('@fontsource/roboto/package.json') as { version: string }).version;
const WEIGHTS = [300, 400, 500, 700] as const;
const SUBSETS = {
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

/** Where the panel's pages link the font's stylesheet (under the panel's root). */
export const fontStylesheetPath = (root: string) => `${root}/fonts/${VERSION}/roboto.css`;

function stylesheet(base: string): string {
  const faces: string[] = [];
  for (const [subset, range] of Object.entries(SUBSETS)) {
    for (const weight of WEIGHTS) {
      faces.push(
        `@font-face{font-family:'Roboto';font-style:normal;font-display:swap;font-weight:${weight};` +
          `src:url(${base}/roboto-${subset}-${weight}-normal.woff2) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  return `${faces.join('\n')}\n`;
}

export function fontRoutes(root: string): Router {
  const router = express.Router();
  const base = `${root}/fonts/${VERSION}`;
  const css = stylesheet(base);
  const cache = 'public, max-age=31536000, immutable';
  router.get(`/fonts/${VERSION}/roboto.css`, (_req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': cache }).send(css);
  });
  router.get(`/fonts/${VERSION}/:file`, (req, res) => {
    const match = /^roboto-(cyrillic|latin)-(300|400|500|700)-normal\.woff2$/.exec(req.params.file ?? '');
    if (!match) return void res.status(404).type('text/plain; charset=utf-8').send('Такого файла шрифта нет');
    res.sendFile(path.join(PACKAGE_DIR, 'files', match[0]), { headers: { 'Content-Type': 'font/woff2', 'Cache-Control': cache } });
  });
  return router;
}
