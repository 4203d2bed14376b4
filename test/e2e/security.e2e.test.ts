import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/users/user.service.js';
import { createTestUser, TEST_PASSWORD, TEST_HASH_COST } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** Script injection through a user's own fields, and logout, in a real browser. */
describe.runIf(browserAvailable)('security in the browser', () => {
  const db = useTestDatabase('e2e_security');
  const hostileName = 'Иван </script><script>window.__pwned = 1</script><!-- \u2028 & <b>';
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createUser(
      db.dataSource.manager,
      { email: 'ivan@cert.test', role: 'clerk', password: TEST_PASSWORD, displayName: hostileName },
      { hashCost: TEST_HASH_COST },
    );
  });

  it('runs no script from a display name written into the page’s state, and shows the name as typed', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'ivan@cert.test', TEST_PASSWORD);
    await page.goto(`${listener.base}/admin/resources/Organization`);
    await page.waitForSelector('text=Организации');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const state = await page.evaluate(() => (window as unknown as { REDUX_STATE: { session: { name: string; title: string } } }).REDUX_STATE.session);
    expect(state).toMatchObject({ name: hostileName, title: 'Делопроизводитель · ivan@cert.test' });
    // the header: the person's name as typed (text, not markup), the role once
    expect(await page.locator('[data-css="logged-in"]').textContent()).toMatch(
      new RegExp(`^${hostileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}Делопроизводитель · ivan@cert\\.test`),
    );
    await page.close();
  });

  it('logs out from the user menu with a POST; a GET of the logout address only asks to confirm', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD);
    await page.hover('[data-css="logged-in"]');
    await page.click('[data-css="logged-in"] >> text=Выйти');
    await page.waitForURL(`${listener.base}/admin/login`);
    await page.goto(`${listener.base}/admin/resources/Organization`);
    expect(page.url()).toBe(`${listener.base}/admin/login?next=${encodeURIComponent('/admin/resources/Organization')}`);

    const other = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD);
    await other.goto(`${listener.base}/admin/logout`);
    expect(await other.textContent('body')).toContain('Выйти из реестра?');
    await other.goto(`${listener.base}/admin/resources/Organization`);
    expect(other.url()).toBe(`${listener.base}/admin/resources/Organization`); // still logged in
    await other.goto(`${listener.base}/admin/logout`);
    await other.click('button:has-text("Выйти")');
    await other.waitForURL(`${listener.base}/admin/login`);
    await page.close();
    await other.close();
  });

  it('shows how much of a text field’s limit is used, and stops at the limit', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/actions/new`);
    const name = page.locator('textarea[name="fullName"]');
    await name.fill('ООО "СЧЁТЧИК"');
    await expect.poll(() => page.textContent('[data-testid="counter-fullName"]')).toMatch(/^13 \/ 1\s000$/);
    await name.fill('Я'.repeat(1200));
    expect((await name.inputValue()).length).toBe(1000);
    await expect.poll(() => page.textContent('[data-testid="counter-fullName"]')).toMatch(/^1\s000 \/ 1\s000$/);
    if (process.env.SCREENSHOTS_DIR) {
      for (const [width, height] of [
        [1280, 720],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height });
        await name.fill('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СЧЁТЧИК"');
        await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/form-counter-${width}.png` });
        await page.goto(`${listener.base}/admin/logout`);
        await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/logout-${width}.png` });
        await page.goto(`${listener.base}/admin/resources/Organization/actions/new`);
      }
    }
    await page.close();
  });

  it('asks nothing of the internet: with every non-local host blocked the login page loads, in Roboto from our server', async () => {
    const context = await listener.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 720 } });
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${listener.base}/admin/login`);
    await page.waitForSelector('input[name=email]');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px Roboto', 'Вход'))).toBe(true);
    expect(
      await page.evaluate(() => {
        const faces: FontFace[] = [];
        document.fonts.forEach((face) => faces.push(face));
        return faces.some((face) => face.family.replace(/"/g, '') === 'Roboto' && face.status === 'loaded');
      }),
    ).toBe(true);
    expect(outside).toEqual([]);
    await context.close();
  });
});
