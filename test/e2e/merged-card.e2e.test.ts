import { describe, expect, it } from 'vitest';
import { mergeOrganizations } from '../../src/duplicates/organization-merge.service.js';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 26, item 2: the address of a card merged into another leads to the card kept, which says so. */
describe.runIf(browserAvailable)('a merged card in the browser', () => {
  const db = useTestDatabase('e2e_merged_card');
  let kept: number;
  let merged: number;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id: kept }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('АО "ОСТАВЛЕННАЯ"', 'АО "ОСТАВЛЕННАЯ"', '7707083893') RETURNING id`,
    );
    [{ id: merged }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, kpp) VALUES ('АО "ДУБЛЬ"', '7707083893', '773601001') RETURNING id`,
    );
    await (
      await mergeOrganizations(db.dataSource, { keptId: kept, mergedId: merged })
    ).searchRefreshed;
  });

  it('opens the kept card at the merged card’s address, with a notice', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${merged}/show`);
    await page.waitForURL(new RegExp(`/Organization/records/${kept}/show\\?merged=${merged}$`), { timeout: 10_000 });
    await expect
      .poll(() => page.textContent('[data-testid=merged-notice]'), { timeout: 10_000 })
      .toBe(`Карточка № ${merged} объединена с этой организацией — открыта эта карточка.`);
    expect(await page.textContent('[role=main]')).toContain('АО "ОСТАВЛЕННАЯ"');
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/merged-card-1280.png` });
    await page.close();
  }, 60_000);
});
