import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** Two clerks on one card in the browser: the second save is refused with who changed what, and goes through again. */
describe.runIf(browserAvailable)('two clerks editing one card in the browser', () => {
  const db = useTestDatabase('e2e_concurrent');
  let id: number;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'ivanova@cert.test', 'clerk');
    await createTestUser(db, 'petrov@cert.test', 'clerk');
    await db.dataSource.query(`UPDATE users SET display_name = 'Иванова Анна' WHERE email = 'ivanova@cert.test'`);
    [{ id }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, contacts, boss_fio) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ДВОЕ"', 'АО "ДВОЕ"', '7707083893', 'тел. 100', 'Сидоров С. С.') RETURNING id`,
    );
  });

  it('refuses the stale save with the other’s change in the form, then saves both changes', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const ivanova = await loggedInPage(listener.browser, listener.base, 'ivanova@cert.test', TEST_PASSWORD, { width, height });
      const petrov = await loggedInPage(listener.browser, listener.base, 'petrov@cert.test', TEST_PASSWORD, { width, height });
      const edit = `${listener.base}/admin/resources/Organization/records/${id}/edit`;
      await ivanova.goto(edit);
      await petrov.goto(edit);
      await ivanova.fill('textarea[name="contacts"], input[name="contacts"]', `тел. ${width}`);
      await ivanova.click('button[type="submit"]');
      await ivanova.waitForURL(/\/show$|\/Organization$/);

      const boss = `Петрова П. П. ${width}`;
      await petrov.fill('input[name="bossFio"]', boss);
      await petrov.click('button[type="submit"]');
      await expect.poll(() => petrov.textContent('body')).toContain('Запись изменена другим пользователем (Иванова Анна');
      // the refusal's notice (a store update) is drawn a moment before the form takes the other's values (React state)
      await expect.poll(() => petrov.inputValue('textarea[name="contacts"], input[name="contacts"]'), { timeout: 5_000 }).toBe(`тел. ${width}`);
      expect(await petrov.inputValue('input[name="bossFio"]')).toBe(boss);
      const [before] = await db.dataSource.query(`SELECT contacts, boss_fio FROM organizations WHERE id = $1`, [id]);
      expect(before).toEqual({ contacts: `тел. ${width}`, boss_fio: width === 1280 ? 'Сидоров С. С.' : 'Петрова П. П. 1280' });
      await shot(petrov, `concurrent-edit-${width}`);

      await petrov.click('button[type="submit"]');
      await petrov.waitForURL(/\/show$|\/Organization$/);
      const [after] = await db.dataSource.query(`SELECT contacts, boss_fio FROM organizations WHERE id = $1`, [id]);
      expect(after).toEqual({ contacts: `тел. ${width}`, boss_fio: boss });
      await ivanova.close();
      await petrov.close();
    }
  }, 90_000);
});
