import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { brokenWords } from '../support/layout.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** Issue 15, item 1 (in part): the lists' cells wrap between words, never inside one. */
describe.runIf(browserAvailable)('lists wrap between words', () => {
  const db = useTestDatabase('e2e_wrapping');
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    for (let i = 0; i < 5; i += 1) {
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO organizations (full_name, short_name, inn, kpp, region_id, contacts, date_agreement) VALUES ($1, $2, $3, '040801001', 4, 'Директор Департамента информационной безопасности Республики Алтай\nтел. 8-800-555-35-35', '2025-03-01') RETURNING id`,
        [
          `МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ КУЛЬТУРЫ "МЕЖПОСЕЛЕНЧЕСКИЙ ЦЕНТРАЛИЗОВАННЫЙ КУЛЬТУРНО-ДОСУГОВЫЙ ЦЕНТР ${i}"`,
          `МБУК "МЦКДЦ ${i}"`,
          `040800${1000 + i}`.slice(0, 10),
        ],
      );
      await db.dataSource.query(
        `WITH m AS (INSERT INTO messages (direction, our_number, our_date, their_number, their_date, information) VALUES ('incoming', $1, '2025-04-02', 'ИСХ-456789/2025', '2025-04-01', 'Запрос сведений о значимых объектах критической информационной инфраструктуры') RETURNING id)
         INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $2 FROM m`,
        [`161-10-11/2${i}`, id],
      );
    }
  });

  it('no word of the organizations and letters lists is broken across lines, at 1280×720 and 1440×900', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      for (const [name, path] of [
        ['organizations', 'Organization'],
        ['letters', 'Message'],
      ] as const) {
        await page.goto(`${listener.base}/admin/resources/${path}`);
        await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
        await shot(page, `list-${name}-${width}`);
        expect(await brokenWords(page), `${name} at ${width}`).toEqual([]);
      }
      await page.close();
    }
  });
});
