import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** The page's heading (AdminJS's action header), without the count badge beside a list's. */
const heading = async (page: import('playwright-core').Page) => {
  await page.waitForSelector('[class*="ActionHeader"] h2');
  return (
    await page
      .locator('[class*="ActionHeader"] h2')
      .first()
      .evaluate((h) => h.childNodes[0]?.textContent ?? '')
  ).trim();
};

/** Issue 24, item 5: every list is headed by its section's name, a form by what it does. */
describe.runIf(browserAvailable)('headings say where the clerk is', () => {
  const db = useTestDatabase('e2e_headings');
  let organizationId = 0;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    [{ id: organizationId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"', 'ПАО Сбербанк', '7707083893') RETURNING id`,
    );
  });

  it('each section’s list by the section’s name, never «Список»; new and edit forms by what they do', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width, height });
      for (const [resource, section] of [
        ['Organization', 'Организации'],
        ['Message', 'Письма'],
        ['Resource', 'Информационные ресурсы'],
        ['Responsibility', 'Аутсорсинг'],
        ['OrgAdmDoc', 'Виды документов'],
        ['OrganizationDocument', 'Документы организаций'],
        ['Region', 'Регионы'],
        ['User', 'Пользователи'],
      ] as const) {
        await page.goto(`${listener.base}/admin/resources/${resource}`);
        expect(await heading(page), resource).toBe(section);
      }
      for (const [resource, form] of [
        ['Message', 'Новое письмо'],
        ['Organization', 'Новая организация'],
        ['Resource', 'Новый информационный ресурс'],
        ['User', 'Новый пользователь'],
      ] as const) {
        await page.goto(`${listener.base}/admin/resources/${resource}/actions/new`);
        expect(await heading(page), resource).toBe(form);
      }
      await page.goto(`${listener.base}/admin/resources/Organization/records/${organizationId}/edit`);
      expect(await heading(page)).toBe('Редактирование — ПАО Сбербанк');
      await page.goto(`${listener.base}/admin/resources/Organization`);
      expect(await page.locator('a', { hasText: 'Новая организация' }).count()).toBeGreaterThan(0); // the button says what it makes
      await page.close();
    }
  });
});
