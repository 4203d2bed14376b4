import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { buildTestApp, createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, launchBrowser, releaseBrowser, listen, loggedInPage } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

/** An admin finds organizations in EGRUL, sees which are already in the registry and imports one. */
describe.runIf(browserAvailable)('EGRUL import in a browser', () => {
  const db = useTestDatabase('e2e_egrul');
  let stub: EgrulStub;
  let app: App;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  let page: Page;
  let existingId: number;

  beforeAll(async () => {
    stub = await startEgrulStub();
    const [row] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp) VALUES ('МБУ "СТОПРОЦЕНТНЫЙ ДОМ КУЛЬТУРЫ"', 'МБУ СДК', '3333333333', '444444444') RETURNING id`,
    );
    existingId = row.id;
    await createTestUser(db, 'admin@cert.test', 'admin');
    app = buildTestApp(db, { EGRUL_SERVICE_URL: stub.url });
    server = await listen(app.app);
    base = server.base;
    browser = await launchBrowser();
    page = await loggedInPage(browser, base, 'admin@cert.test', TEST_PASSWORD, { width: 1400, height: 1000 });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.close();
    await app?.close();
    await stub?.close();
  });

  it('shows a service failure as a message in the component', async () => {
    await page.goto(`${base}/admin/resources/Organization`);
    await page.click('a:has-text("Импорт из ЕГРЮЛ"), button:has-text("Импорт из ЕГРЮЛ")');
    await page.waitForSelector('[data-testid=egrul-import] input#egrul-query');
    stub.fail({ kind: 'html' });
    await page.fill('input#egrul-query', 'ромашка');
    await page.click('[data-testid=egrul-import] button:has-text("Найти")');
    await expect.poll(() => page.textContent('[data-testid=egrul-error]')).toContain('ответил не данными JSON');
    stub.fail(null);
  });

  it('searches by INN, marks the organization already in the registry and imports another', async () => {
    await page.fill('input#egrul-query', '3333333333');
    await page.click('[data-testid=egrul-import] button:has-text("Найти")');
    await page.waitForSelector('[data-testid=egrul-results]');
    await expect.poll(() => page.locator('[data-testid=egrul-row]').count()).toBe(3);
    expect(await page.textContent('[data-testid=egrul-results]')).toContain('ИНН 3333333333: найдено организаций — 3');

    const rows = page.locator('[data-testid=egrul-row]');
    const already = rows.filter({ hasText: '444444444' }).locator('[data-testid=egrul-in-registry]');
    expect(await already.textContent()).toContain('Уже в реестре');
    expect(await already.getAttribute('href')).toBe(`/admin/resources/Organization/records/${existingId}/show`);

    await rows.filter({ hasText: '444444445' }).locator('button:has-text("Добавить")').click();
    await page.waitForURL(/\/admin\/resources\/Organization\/records\/\d+\/show/);
    const [created] = await db.dataSource.query(`SELECT id, region_id FROM organizations WHERE kpp = '444444445'`);
    expect(page.url()).toContain(`/records/${created.id}/show`);
    expect(created.region_id).toBe(65);
    await expect.poll(() => page.textContent('body')).toContain('добавлена из ЕГРЮЛ');
    await expect.poll(() => page.textContent('body')).toContain('Сахалинская область'); // the card has loaded
    const card = (await page.textContent('body')) ?? '';
    expect(card).toContain('"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"');
    expect(card).toContain('Сахалинская область');
  });

  it('marks a deactivated card with the same INN+KPP as a possible duplicate, and reactivates it', async () => {
    const [{ id: inactive }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, kpp, is_active) VALUES ('МБУ "СТАРАЯ КАРТОЧКА"', '3333333333', '444444446', false) RETURNING id`,
    );
    await page.goto(`${base}/admin/resources/Organization/actions/egrulImport`);
    await page.fill('input#egrul-query', '3333333333 444444446');
    await page.click('[data-testid=egrul-import] button:has-text("Найти")');
    const duplicate = page.locator('[data-testid=egrul-possible-duplicate]');
    await expect.poll(() => duplicate.textContent()).toContain('Возможный дубль');
    expect(await duplicate.textContent()).toContain('МБУ "СТАРАЯ КАРТОЧКА"');
    expect(await duplicate.textContent()).toContain('отключена');
    if (process.env.SCREENSHOTS_DIR) {
      for (const [width, height] of [
        [1280, 720],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/egrul-duplicate-${width}.png` });
      }
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
    await duplicate.locator('button:has-text("Восстановить")').click();
    await page.waitForURL(new RegExp(`/admin/resources/Organization/records/${inactive}/show`));
    expect((await db.dataSource.query('SELECT is_active FROM organizations WHERE id = $1', [inactive]))[0].is_active).toBe(true);
  });

  it('paginates a name search with the service pages', async () => {
    await page.goto(`${base}/admin/resources/Organization/actions/egrulImport`);
    await page.fill('input#egrul-query', 'ООО "Ромашка"');
    await page.click('[data-testid=egrul-import] button:has-text("Найти")');
    await expect.poll(() => page.locator('[data-testid=egrul-row]').count()).toBe(20);
    await page.click('button:has-text("Вперёд")');
    await expect.poll(() => page.textContent('[data-testid=egrul-results]')).toContain('страница 2');
    expect(await page.locator('[data-testid=egrul-row]').first().textContent()).toContain('0626279951');
    expect(await page.locator('[data-testid=egrul-row]').first().textContent()).toMatch(/^21/);
  });

  it('fills the organization form from EGRUL by the INN typed, choosing among the branches', async () => {
    await page.goto(`${base}/admin/resources/Organization/actions/new`);
    await page.fill('input[name=inn]', '2222222222');
    await page.click('[data-testid=egrul-fill]');
    await expect.poll(() => page.textContent('[data-testid=egrul-fill-status]')).toContain('Заполнено из ЕГРЮЛ — проверьте и сохраните.');
    // AdminJS's own text and textarea fields copy a new value into their local state in an effect, one render
    // after the record changes, so their values are polled rather than read once.
    await expect.poll(() => page.inputValue('textarea[name=fullName]')).toBe('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "КОМПАНИЯ "ЧУДЕСА"');
    await expect.poll(() => page.inputValue('input[name=kpp]')).toBe('333333333');
    await expect.poll(() => page.inputValue('input[name=ogrn]')).toBe('1111111111111');
    await expect.poll(() => page.inputValue('textarea[name=factualAddress]')).toContain('РЕСПУБЛИКА БАШКОРТОСТАН');
    await expect.poll(() => page.textContent('[data-testid=property-edit-regionId]')).toContain('Республика Башкортостан');

    await page.fill('input[name=inn]', '3333333333');
    await page.click('[data-testid=egrul-fill]');
    const choice = page.locator('[data-testid=egrul-fill-choice]', { hasText: '444444445' });
    await choice.waitFor();
    await choice.click();
    await expect.poll(() => page.inputValue('input[name=kpp]')).toBe('444444445');
    await expect.poll(() => page.inputValue('textarea[name=fullName]')).toBe('"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"');
    await expect.poll(() => page.textContent('[data-testid=property-edit-regionId]')).toContain('Сахалинская');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE inn = '2222222222'`)).toEqual([{ n: 0 }]);
  });
});
