import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). On a developer's
 * machine without it they are skipped with a message; in CI (CI=true) a missing browser is a failure.
 */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
  process.stderr.write(`Browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)\n`);
}

/** Playwright gives every launch a fresh, empty profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The app listening on a random local port; `close()` stops the listener. */
export async function listen(app: import('express').Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fresh Russian-locale page logged in through the real login form. */
export async function loggedInPage(browser: Browser, base: string, email: string, password: string, viewport = { width: 1400, height: 1100 }) {
  const page = await (await browser.newContext({ locale: 'ru-RU', viewport })).newPage();
  await page.goto(`${base}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button:has-text("Войти")');
  await page.waitForURL(`${base}/admin`);
  return page;
}

/**
 * For a browser test file: after `seed` (users, rows), the app on this file's database listening on a random port
 * and a browser; both closed after the file.
 */
export function useBrowserApp(
  db: import('./db.js').TestDatabase,
  seed: () => Promise<void> = async () => undefined,
  env: () => Record<string, string> = () => ({}),
): { readonly base: string; readonly browser: Browser } {
  let app: import('../../src/http/app.js').App | undefined;
  let listener: { base: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await seed();
    const { buildTestApp } = await import('./app.js');
    app = buildTestApp(db, env());
    listener = await listen(app.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await listener?.close();
    await app?.close();
  });
  return {
    get base() {
      return listener!.base;
    },
    get browser() {
      return browser!;
    },
  };
}
