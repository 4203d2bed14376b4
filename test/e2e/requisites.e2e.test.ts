import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** A card whose requisites came from EGRUL failing the checks: marked, and saveable through the form. */
describe.runIf(browserAvailable)('requisites that fail the checks, in the browser', () => {
  const db = useTestDatabase('e2e_requisites');
  let id: number;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn) VALUES ('МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ "ДОМ КУЛЬТУРЫ"', 'МБУ "ДК"', '3333333333', '444444444', '2222222222222') RETURNING id`,
    );
  });

  it('marks them on the card and in the form, and saves the form unchanged', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/records/${id}/show`);
      const mark = page.locator('[data-testid="requisites-check"]');
      await expect.poll(() => mark.textContent()).toContain('ИНН 3333333333: неверная контрольная сумма');
      expect(await mark.textContent()).toContain('ОГРН 2222222222222: неверное контрольное число');
      if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/card-requisites-${width}.png` });
      await page.goto(`${listener.base}/admin/resources/Organization/records/${id}/edit`);
      await page.waitForSelector('[data-testid="requisites-check"]');
      if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/form-requisites-${width}.png` });
      await page.fill('input[name="bossFio"]', `Петров Пётр ${width}`);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/show$|\/Organization$/);
      const [row] = await db.dataSource.query('SELECT inn, boss_fio FROM organizations WHERE id = $1', [id]);
      expect(row).toEqual({ inn: '3333333333', boss_fio: `Петров Пётр ${width}` });
      await page.close();
    }
  });

  it('shows a branch’s head organization on its card, and the branches on the head’s card', async () => {
    const [{ id: head }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp) VALUES ('ПАО "ГОЛОВНАЯ"', 'ПАО "ГОЛОВНАЯ"', '7707083893', '773601001') RETURNING id`,
    );
    const [{ id: branch }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, head_id) VALUES ('ФИЛИАЛ ПАО "ГОЛОВНАЯ" В САНКТ-ПЕТЕРБУРГЕ', 'Филиал в Санкт-Петербурге', '7707083893', '784243001', $1) RETURNING id`,
      [head],
    );
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${branch}/show`);
    const units = page.locator('[data-testid="organization-units"]');
    await expect.poll(() => units.textContent()).toContain('Головная организация');
    expect(await units.textContent()).toContain('ПАО "ГОЛОВНАЯ"');
    await units.locator('a').first().click();
    await page.waitForURL(`${listener.base}/admin/resources/Organization/records/${head}/show`);
    await expect.poll(() => page.locator('[data-testid="organization-units"]').textContent()).toContain('Филиал в Санкт-Петербурге');
    if (process.env.SCREENSHOTS_DIR) {
      await page.locator('[data-testid="organization-units"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/card-units-1280.png` });
    }
    await page.close();
  });
});
