import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app.js';
import { createUser } from '../../src/users/user.service.js';
import { buildTestApp, createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, launchBrowser, listen, loggedInPage } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** Script injection through a user's own fields, and logout, in a real browser. */
describe.runIf(browserAvailable)('security in the browser', () => {
  const db = useTestDatabase('e2e_security');
  let app: App;
  let listener: { base: string; close(): Promise<void> };
  let browser: Browser;
  const hostileName = 'Иван </script><script>window.__pwned = 1</script><!-- \u2028 & <b>';

  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createUser(db.dataSource.manager, { email: 'ivan@cert.test', role: 'clerk', password: TEST_PASSWORD, displayName: hostileName });
    app = buildTestApp(db);
    listener = await listen(app.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await listener?.close();
    await app?.close();
  });

  it('runs no script from a display name written into the page’s state, and shows the name as typed', async () => {
    const page = await loggedInPage(browser, listener.base, 'ivan@cert.test', TEST_PASSWORD);
    await page.goto(`${listener.base}/admin/resources/Organization`);
    await page.waitForSelector('text=Организации');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const state = await page.evaluate(() => (window as unknown as { REDUX_STATE: { session: { title: string } } }).REDUX_STATE.session.title);
    expect(state).toBe(`${hostileName} · Делопроизводитель`);
    await page.close();
  });

  it('logs out through the menu: a confirmation, then a POST that ends the session', async () => {
    const page = await loggedInPage(browser, listener.base, 'admin@cert.test', TEST_PASSWORD);
    await page.goto(`${listener.base}/admin/logout`);
    await page.click('button:has-text("Выйти")');
    await page.waitForURL(`${listener.base}/admin/login`);
    await page.goto(`${listener.base}/admin/resources/Organization`);
    expect(page.url()).toBe(`${listener.base}/admin/login`);
    await page.close();
  });
});
