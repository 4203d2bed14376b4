import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** Issue 24, item 3: a field's error from «Сохранить» goes once its value changes; the others stay until they change. */
describe.runIf(browserAvailable)('a field’s error clears when its value changes', () => {
  const db = useTestDatabase('e2e_form_errors');
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });

  it('the INN’s «неверная контрольная сумма» goes as the INN is corrected; the KPP’s stays until the KPP is; then it saves', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/actions/new`);
    await page.fill('textarea[name="fullName"]', 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"');
    await page.fill('input[name="inn"]', '7707083894');
    await page.fill('input[name="kpp"]', '12345');
    await page.click('button[type="submit"]');
    const inn = page.locator('[data-testid="property-edit-inn"]');
    const kpp = page.locator('[data-testid="property-edit-kpp"]');
    await expect.poll(() => inn.textContent()).toContain('неверная контрольная сумма');
    await expect.poll(() => kpp.textContent()).toContain('КПП должен состоять из 9 символов');
    await shot(page, 'form-errors-before-1280');

    await page.fill('input[name="inn"]', '7707083893');
    await expect.poll(() => inn.textContent()).not.toContain('неверная контрольная сумма');
    expect(await kpp.textContent()).toContain('КПП должен состоять из 9 символов'); // not changed yet
    await page.fill('input[name="kpp"]', '773601001'); // typed: the message goes before the field is left
    await expect.poll(() => kpp.textContent()).not.toContain('КПП должен состоять из 9 символов');
    await shot(page, 'form-errors-after-1280');

    await page.click('button[type="submit"]');
    // saved: the new organization opens on its card (item 7), not on the list
    await page.waitForURL(/\/admin\/resources\/Organization\/records\/\d+\/show$/);
    expect(await db.dataSource.query(`SELECT inn, kpp FROM organizations`)).toEqual([{ inn: '7707083893', kpp: '773601001' }]);
    // and an edit too
    await page.goto(page.url().replace(/show$/, 'edit'));
    await page.fill('input[name="bossFio"]', 'Греф Герман Оскарович');
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/resources\/Organization\/records\/\d+\/show$/);
    await page.close();
  });

  it('saving the same wrong value again shows the error again', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1440, height: 900 });
    await page.goto(`${listener.base}/admin/resources/Organization/actions/new`);
    await page.fill('textarea[name="fullName"]', 'ООО "ВТОРАЯ"');
    await page.fill('input[name="inn"]', '7707083894');
    await page.click('button[type="submit"]');
    const inn = page.locator('[data-testid="property-edit-inn"]');
    await expect.poll(() => inn.textContent()).toContain('неверная контрольная сумма');
    await page.fill('input[name="inn"]', '770708389');
    await expect.poll(() => inn.textContent()).not.toContain('неверная контрольная сумма');
    await page.fill('input[name="inn"]', '7707083894');
    await page.click('button[type="submit"]');
    await expect.poll(() => inn.textContent()).toContain('неверная контрольная сумма');
    await page.close();
  });
});
