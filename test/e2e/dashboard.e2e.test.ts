import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/letter-status.js';
import { todayIn } from '../../src/domain/organization.js';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { brokenWords } from '../support/layout.js';

const shot = (page: Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/**
 * Issue 25 in the browser: the lead's Monday. An admin sees a colleague's overdue letter counted and a count over 50
 * shown truly; a bar opens its list with the filters as chips and the same number of rows; the period in the address
 * survives a reload; nothing is fetched from another host.
 */
describe.runIf(browserAvailable)('the lead’s dashboard in the browser', () => {
  const db = useTestDatabase('e2e_dashboard');
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'lead@cert.test', 'admin');
    await createTestUser(db, 'colleague@cert.test', 'clerk');
    await db.dataSource.query(`UPDATE users SET display_name = 'Коллегова Ирина' WHERE email = 'colleague@cert.test'`);
    const today = todayIn('Europe/Moscow');
    // 73 overdue letters of the colleague (more than the 50 the old page listed), 4 overdue without an executor
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information, executor_id, due_date)
       SELECT 'incoming', 'ВХ-' || g, $1::date, 'Запрос № ' || g, CASE WHEN g <= 73 THEN (SELECT id FROM users WHERE email = 'colleague@cert.test') END, $2::date
         FROM generate_series(1, 77) g`,
      [addDays(today, -20), addDays(today, -2)],
    );
    await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, region_id, date_agreement) SELECT 'ООО "СВОДКА ' || g || '"', 'ООО "СВОДКА ' || g || '"', 77, CASE WHEN g % 2 = 0 THEN DATE '2024-01-01' END FROM generate_series(1, 12) g`,
    );
  });

  async function leadPage(width: number, height: number) {
    const context = await listener.browser.newContext({ locale: 'ru-RU', viewport: { width, height } });
    const outside: string[] = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        outside.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    await page.goto(`${listener.base}/admin/login`);
    await page.fill('input[name=email]', 'lead@cert.test');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button:has-text("Войти")');
    await page.waitForURL(`${listener.base}/admin`);
    return { page, outside, close: () => context.close() };
  }

  it('counts the colleague’s 73 overdue, opens the bar’s list with its chips and 73 rows, keeps the period through a reload', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const { page, outside, close } = await leadPage(width, height);
      const colleagueRow = page.locator('[data-testid=team-overdue-row]', { hasText: 'Коллегова Ирина' });
      await expect.poll(() => colleagueRow.textContent(), { timeout: 10_000 }).toContain('73');
      expect(await page.textContent('[data-testid=team-overdue-count]')).toBe('(77)');
      expect(await page.locator('[data-testid=team-overdue-row]', { hasText: 'без исполнителя' }).textContent()).toContain('4');
      await page.locator('[data-testid=figure-districts]').waitFor();
      expect(await brokenWords(page, '[data-testid=dashboard]')).toEqual([]);
      if (width === 1280) await shot(page, 'dashboard-1280');

      // the period: chosen, in the address, restored by a reload
      await page.click('[data-testid=period-quarter]');
      await page.waitForURL(/\?period=quarter$/);
      await expect
        .poll(() => page.textContent('[data-testid=period-label]'), { timeout: 10_000 })
        .toMatch(/^этот квартал: \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}$/);
      const label = await page.textContent('[data-testid=period-label]');
      await expect.poll(() => page.locator('[data-testid=figure-letters-by-month] tbody tr').count()).toBeLessThanOrEqual(3);
      await page.reload();
      await expect.poll(() => page.textContent('[data-testid=period-label]'), { timeout: 10_000 }).toBe(label);
      expect(await page.getAttribute('[data-testid=period-quarter]', 'aria-checked')).toBe('true');

      // the colleague's bar opens the list it counts: its filters as chips, the same number of rows
      await colleagueRow.locator('a', { hasText: '73' }).click();
      await page.waitForURL(/\/admin\/resources\/Message\?/);
      await expect
        .poll(() => page.locator('[data-testid=filter-chip]').allTextContents(), { timeout: 10_000 })
        .toEqual([expect.stringContaining('Коллегова Ирина'), expect.stringContaining('Просрочено')]);
      await expect.poll(() => page.textContent('[data-testid=list-total]')).toBe('всего: 73');
      await page.waitForLoadState('networkidle');
      expect(outside).toEqual([]);
      await close();
    }
  }, 120_000);

  it('at 1920×1080, the whole page for the closing screenshots', async () => {
    const { page, outside, close } = await leadPage(1920, 1080);
    await page.locator('[data-testid=figure-without-document]').waitFor({ timeout: 10_000 });
    await shot(page, 'dashboard-1920');
    // a period of one's own, typed as dates are typed in the panel
    await page.click('[data-testid=period-custom]');
    await page.fill('#period-from', '01.02.2025');
    await page.fill('#period-to', '31.03.2025');
    await page.click('[data-testid=period-apply]');
    await page.waitForURL(/\?period=custom&from=2025-02-01&to=2025-03-31$/);
    await expect.poll(() => page.textContent('[data-testid=period-label]'), { timeout: 10_000 }).toBe('период: 01.02.2025 — 31.03.2025');
    expect(await page.locator('[data-testid=figure-letters-by-month] tbody tr td:first-child').allTextContents()).toEqual(['фев 2025', 'мар 2025']);
    expect(outside).toEqual([]);
    await close();
  }, 60_000);
});
