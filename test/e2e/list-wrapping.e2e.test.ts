import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/**
 * Words in the lists' cells that the browser broke across lines: for every word of every text in the table's body,
 * the lines its letters sit on (a word broken mid-way sits on two).
 */
const brokenWords = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('tbody') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      // a number or code (anything with a digit) is one piece; a hyphenated word may break after its hyphen
      // («КУЛЬТУРНО-/ДОСУГОВЫЙ»), as in print, but not inside a part
      for (const match of text.matchAll(/\S+/g)) {
        const pieces = /\d/.test(match[0]) ? [{ at: 0, piece: match[0] }] : [...match[0].matchAll(/[^-]+-?/g)].map((m) => ({ at: m.index!, piece: m[0] }));
        for (const { at, piece } of pieces) {
          const range = document.createRange();
          range.setStart(node, match.index! + at);
          range.setEnd(node, match.index! + at + piece.length);
          const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });

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
