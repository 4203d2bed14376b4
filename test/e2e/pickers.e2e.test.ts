import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

type Page = import('playwright-core').Page;

/** The options a picker shows now (react-select's menu). */
const shownOptions = (page: Page) => page.locator('[id*="-option-"]').allTextContents();

/**
 * Issue 24, item 1: every picker filters as you type and Enter picks the highlighted match — the executor (eight
 * people, «Сидор» must not leave «Васильев» first), the organizations, «Основание» and the region. Keyboard only
 * after the field is focused.
 */
describe.runIf(browserAvailable)('pickers filter as you type; Enter picks what was typed', () => {
  const db = useTestDatabase('e2e_pickers');
  const ids: Record<string, number> = {};
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    const people = ['Васильев Иван', 'Григорьева Ольга', 'Дмитриев Олег', 'Егорова Анна', 'Жуков Павел', 'Сидоров Пётр', 'Яковлева Мария'];
    for (const [i, name] of people.entries()) {
      await createTestUser(db, `person${i}@cert.test`, 'clerk');
      await db.dataSource.query(`UPDATE users SET display_name = $1 WHERE email = $2`, [name, `person${i}@cert.test`]);
    }
    [{ id: ids.sidorov }] = await db.dataSource.query(`SELECT id FROM users WHERE display_name = 'Сидоров Пётр'`);
    for (const [key, full, short] of [
      ['romashka', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"', 'ООО "РОМАШКА"'],
      ['elka', 'АКЦИОНЕРНОЕ ОБЩЕСТВО "ЁЛКА"', 'АО "ЁЛКА"'],
      ['berezka', 'АКЦИОНЕРНОЕ ОБЩЕСТВО "БЕРЁЗКА"', 'АО "БЕРЁЗКА"'],
    ] as const) {
      [{ id: ids[key] }] = await db.dataSource.query(`INSERT INTO organizations (full_name, short_name) VALUES ($1, $2) RETURNING id`, [full, short]);
    }
    [{ id: ids.first }] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ВХ-1', current_date, 'Запрос сведений об объектах КИИ') RETURNING id`,
    );
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ВХ-2', current_date, 'Уведомление о проверке')`,
    );
  });

  /** Types into a focused picker, waits until its menu shows only matches, then presses Enter. */
  const pick = async (page: Page, input: string, typed: string, expected: string) => {
    await page.focus(input);
    await page.keyboard.type(typed);
    await expect.poll(() => shownOptions(page)).toEqual([expect.stringContaining(expected)]);
    await page.keyboard.press('Enter');
  };

  it('a letter: the executor, the organization and «Основание» are the ones typed; then saved with them', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message/actions/new`);
    await page.waitForSelector('#options-executorId');

    // typing «Сидор» leaves one person of eight; before, all eight stayed and Enter took «Васильев»
    await page.focus('#options-executorId');
    await page.keyboard.type('Сидор');
    await expect.poll(() => shownOptions(page)).toEqual(['Сидоров Пётр']);
    await page.keyboard.press('Enter');
    const executor = page.locator('#options-executorId').locator('xpath=ancestor::div[contains(@class,"container")][1]');
    await expect.poll(() => executor.textContent()).toContain('Сидоров Пётр');
    expect(await executor.textContent()).not.toContain('Васильев');

    await pick(page, '[data-testid="multi-organizations"] input', 'ёлка', 'АО "ЁЛКА"');
    await expect.poll(() => page.locator('[data-testid="multi-organizations"]').textContent()).toContain('АО "ЁЛКА"');
    expect(await page.locator('[data-testid="multi-organizations"]').textContent()).not.toContain('БЕРЁЗКА');

    await pick(page, '#options-parentId', 'ВХ-1', '№ ВХ-1');
    const parent = page.locator('#options-parentId').locator('xpath=ancestor::div[contains(@class,"container")][1]');
    await expect.poll(() => parent.textContent()).toContain('№ ВХ-1');

    await page.fill('textarea[name="information"]', 'Ответ на запрос сведений');
    await page.click('button[type="submit"]');
    await page.waitForURL(/Message\/records\/\d+\/show/);
    const [saved] = await db.dataSource.query(
      `SELECT m.executor_id, m.parent_id, array_agg(om.organization_id) AS organizations FROM messages m JOIN organizations_messages om ON om.message_id = m.id
        WHERE m.information = 'Ответ на запрос сведений' GROUP BY m.id`,
    );
    expect(saved).toEqual({ executor_id: ids.sidorov, parent_id: ids.first, organizations: [ids.elka] });
    await page.close();
  });

  it('an organization: the region typed is the region chosen', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1440, height: 900 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${ids.romashka}/edit`);
    await pick(page, '[data-testid=property-edit-regionId] input', 'татарст', 'Республика Татарстан');
    await expect.poll(() => page.textContent('[data-testid=property-edit-regionId]')).toContain('Республика Татарстан');
    await page.click('button[type="submit"]');
    await expect.poll(async () => (await db.dataSource.query(`SELECT region_id FROM organizations WHERE id = $1`, [ids.romashka]))[0].region_id).toBe(16);
    await page.close();
  });
});
