import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** «Сверить с ЕГРЮЛ» on the card in the browser: the badge, the differences, an admin takes a field from EGRUL. */
describe.runIf(browserAvailable)('the EGRUL check in the browser', () => {
  const db = useTestDatabase('e2e_egrul_check');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: 5 });
  });
  afterAll(() => stub?.close());
  const unit = generatedUnit(3);
  const listener = useBrowserApp(
    db,
    async () => {
      await createTestUser(db, 'admin@cert.test', 'admin');
      await db.dataSource.query(
        `INSERT INTO organizations (id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id) VALUES (3, 'ООО "ПРЕЖНЕЕ ИМЯ"', $1, $2, $3, $4, $5, $6)`,
        [unit.short_name, unit.inn, unit.kpp, unit.ogrn, unit.factual_address, Number(unit.region_code)],
      );
    },
    () => ({ EGRUL_SERVICE_URL: stub.url }),
  );

  it('checks the card, shows the difference, takes the name from EGRUL, and the list says «актуальна»', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await db.dataSource.query(`UPDATE organizations SET full_name = 'ООО "ПРЕЖНЕЕ ИМЯ"' WHERE id = 3`);
      const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/records/3/show`);
      const section = page.locator('[data-testid="egrul-status"]');
      await expect.poll(() => section.textContent()).toContain('Сверка с ЕГРЮЛ');
      await page.click('[data-testid="egrul-check-now"]');
      await expect.poll(() => page.locator('[data-testid="egrul-status-badge"]').textContent()).toBe('Есть изменения');
      const table = await page.locator('[data-testid="egrul-differences"]').textContent();
      expect(table).toContain('ООО "ПРЕЖНЕЕ ИМЯ"');
      expect(table).toContain(unit.full_name);
      const widths = await page.evaluate(() => ({
        table: document.querySelector('[data-testid="egrul-differences"]')!.getBoundingClientRect().width,
        card: document.querySelector('[data-testid="card-requisites"]')!.getBoundingClientRect().width,
      }));
      expect(widths.table).toBeGreaterThan(widths.card * 0.9);
      await shot(page, `card-egrul-${width}`);
      await page.click('[data-testid="egrul-differences"] label[for="egrul-fullName"]');
      await expect.poll(() => page.locator('[data-testid="egrul-apply"]').textContent()).toContain('(1)');
      await page.click('[data-testid="egrul-apply"]');
      await expect.poll(() => page.locator('[data-testid="egrul-notice"]').textContent()).toContain('Из ЕГРЮЛ взято: Полное наименование');
      await expect.poll(() => page.locator('[data-testid="egrul-status-badge"]').textContent()).toBe('Актуальна');
      expect((await db.dataSource.query(`SELECT full_name FROM organizations WHERE id = 3`))[0].full_name).toBe(unit.full_name);
      // the card's own field shows the new name at once, and the difference table had the card's full width
      await expect.poll(() => page.locator('[data-testid="fieldset-fullName"]').textContent()).toContain(unit.full_name);
      await expect
        .poll(() => page.locator('[data-testid="record-history"] [data-testid="history-entry"]').first().textContent())
        .toMatch(/взято из ЕГРЮЛ по сверке от \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
      await shot(page, `card-egrul-applied-${width}`);
      await page.goto(`${listener.base}/admin/resources/Organization`);
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('актуальна');
      await shot(page, `list-egrul-${width}`);
      await page.close();
    }
  });
});

/** «Массовый импорт» in the browser: a pasted list, the preview, the ticked rows added, the report offered. */
describe.runIf(browserAvailable)('bulk import from EGRUL in the browser', () => {
  const db = useTestDatabase('e2e_egrul_bulk');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: 12 });
  });
  afterAll(() => stub?.close());
  const listener = useBrowserApp(
    db,
    async () => {
      await createTestUser(db, 'admin@cert.test', 'admin');
      await db.dataSource.query(`INSERT INTO organizations (full_name, inn, kpp) VALUES ('УЖЕ ЕСТЬ', $1, $2)`, [generatedUnit(2).inn, generatedUnit(2).kpp]);
    },
    () => ({ EGRUL_SERVICE_URL: stub.url }),
  );

  it('previews a pasted list and adds the found organizations', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/actions/egrulBulkImport`);
      const first = width === 1280 ? 1 : 5;
      const list = [generatedUnit(first).inn, generatedUnit(2).inn, '7707083894', generatedUnit(9).inn, generatedUnit(first + 2).inn].join('\n');
      await page.fill('[data-testid="egrul-bulk-text"]', list);
      await page.click('[data-testid="egrul-bulk-check"]');
      await expect.poll(() => page.locator('[data-testid="egrul-bulk-row"]').count()).toBe(5);
      const preview = await page.locator('[data-testid="egrul-bulk-preview"]').textContent();
      for (const text of ['Найдена', 'Уже в реестре', 'ИНН 7707083894: неверная контрольная сумма', 'Есть филиалы']) expect(preview).toContain(text);
      expect(await page.textContent('[data-testid="egrul-bulk-summary"]')).toBe('Строк: 5; найдено: 2; есть филиалы: 1; уже в реестре: 1; с ошибкой: 1.');
      // a head and its branches: several of them ticked at once (the first time; then they are in the registry)
      const units = page.locator('[data-testid="egrul-bulk-unit"] input[type="checkbox"]');
      expect(await units.count()).toBe(3);
      if (width === 1280) {
        await page.locator('[data-testid="egrul-bulk-unit"] label').nth(0).click();
        await page.locator('[data-testid="egrul-bulk-unit"] label').nth(2).click();
      } else {
        expect(await units.nth(0).isDisabled()).toBe(true);
      }
      await shot(page, `bulk-preview-${width}`);
      await page.click('[data-testid="egrul-bulk-import"]');
      await expect.poll(() => page.locator('[data-testid="egrul-bulk-message"]').textContent()).toContain(`Добавлено организаций: ${width === 1280 ? 4 : 2}`);
      await shot(page, `bulk-done-${width}`);
      expect(await page.locator('[data-testid="egrul-bulk-report"]').getAttribute('href')).toMatch(/\/admin\/data\/egrul-bulk\/[0-9a-f]{32}\/report$/);
      await page.close();
    }
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations`))[0].n).toBe(7);
  });
});
