import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). On a developer's
 * machine without it they are skipped with a message; in CI (CI=true) a missing browser is a failure.
 */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
  process.stderr.write(`Browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)\n`);
}

let shared: Promise<Browser> | undefined;

/**
 * One Chromium per test worker, shared by the worker's browser files (a worker keeps its modules across files);
 * each file works in contexts of its own and closes them with `releaseBrowser`. Playwright ends the browser when
 * the worker exits.
 */
export function launchBrowser(): Promise<Browser> {
  shared ??= chromium.launch({
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
  return shared;
}

/** Closes every context the file opened in the shared browser (the browser stays for the worker's next file). */
export async function releaseBrowser(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
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

/** Signed-in cookies by server and user: a user logs in through the form once, later pages reuse the session. */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/**
 * A fresh Russian-locale page logged in as the user: through the real login form the first time (and whenever the
 * cached session has ended, e.g. after a logout), with that session's cookie after that.
 */
export async function loggedInPage(browser: Browser, base: string, email: string, password: string, viewport = { width: 1400, height: 1100 }) {
  const key = `${base} ${email}`;
  const cached = sessions.get(key);
  if (cached) {
    const context = await browser.newContext({ locale: 'ru-RU', viewport, storageState: cached });
    const page = await context.newPage();
    await page.goto(`${base}/admin`);
    if (page.url() === `${base}/admin`) return page;
    await context.close();
    sessions.delete(key);
  }
  const context = await browser.newContext({ locale: 'ru-RU', viewport });
  const page = await context.newPage();
  await page.goto(`${base}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button:has-text("Войти")');
  await page.waitForURL(`${base}/admin`);
  sessions.set(key, await context.storageState());
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
  let app: import('../../src/app/app.js').App | undefined;
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
    await releaseBrowser(browser);
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

/** «Отменить объединение» on the newest merge's entry in «Журнал изменений», until the journal says it is undone. */
export async function undoNewestMergeFromJournal(page: Page, base: string, dataSource: DataSource): Promise<void> {
  const [{ id: entryId }] = await dataSource.query(`SELECT max(id)::text AS id FROM audit_log WHERE action = 'merge'`);
  await page.goto(`${base}/admin/resources/AuditEntry/records/${entryId}/show`);
  await page.click('[data-testid=journal-undo-merge]');
  await expect
    .poll(() => page.textContent('[data-testid=journal-message]'), { timeout: 10_000 })
    .toContain('Объединение отменено: обе карточки и все перенесённые записи — как были.');
}
