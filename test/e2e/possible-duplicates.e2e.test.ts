import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, undoNewestMergeFromJournal, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 26 in the browser at 1280×720: from the organizations list to «Возможные дубли»; one pair marked «не дубль»
 * leaves the list; the other merged from the list (both cards chosen, the preview shown at once) into the card with
 * a KPP, its letters moving; then «Отменить объединение», and the pair is back on the list.
 */
describe.runIf(browserAvailable)('possible duplicates in the browser', () => {
  const db = useTestDatabase('e2e_duplicates');
  const ids: Record<string, number> = {};
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    const add = async (key: string, sql: string) => {
      [{ id: ids[key] }] = await db.dataSource.query(sql);
    };
    await add('kept', `INSERT INTO organizations (full_name, inn, kpp, region_id) VALUES ('АО "БЛИЗНЕЦ"', '7707083893', '773601001', 77) RETURNING id`);
    await add(
      'other',
      `INSERT INTO organizations (full_name, inn, region_id, contacts) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "БЛИЗНЕЦ-2"', '7707083893', 50, 'тел. 2') RETURNING id`,
    );
    await add('firstName', `INSERT INTO organizations (full_name, region_id) VALUES ('ООО "Ромашка"', 16) RETURNING id`);
    await add('secondName', `INSERT INTO organizations (full_name, region_id) VALUES ('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»', 16) RETURNING id`);
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'БЛ-' || g, DATE '2025-03-03', 'письмо' FROM generate_series(1, 3) g`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages`, [ids.other]);
  });

  it('from the list: «не дубль» on one pair, merge of the other, then undo', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization`);
    await page.locator('[role=main] a, [role=main] button', { hasText: 'Возможные дубли' }).first().click();
    await page.waitForURL(/\/actions\/possibleDuplicates/);
    await expect.poll(() => page.textContent('[data-testid=duplicates-total]'), { timeout: 10_000 }).toBe('Пар: 2');
    const innPair = page.locator(`[data-testid=duplicate-pair-${ids.kept}-${ids.other}]`);
    const namePair = page.locator(`[data-testid=duplicate-pair-${ids.firstName}-${ids.secondName}]`);
    expect(await innPair.textContent()).toContain('Тот же ИНН, КПП другой или не указан');
    expect(await innPair.textContent()).toContain('писем 3');
    expect(await namePair.textContent()).toContain('Похожее наименование в том же регионе');
    if (process.env.SCREENSHOTS_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/possible-duplicates-1280.png` });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/possible-duplicates-1440.png` });
      await page.setViewportSize({ width: 1280, height: 720 });
    }

    await namePair.getByRole('button', { name: 'Не дубль' }).click();
    await expect.poll(() => namePair.textContent(), { timeout: 10_000 }).toContain('Отмечено: не дубль');
    await page.reload();
    await expect.poll(() => page.textContent('[data-testid=duplicates-total]'), { timeout: 10_000 }).toBe('Пар: 1');

    await innPair.getByRole('link', { name: 'Объединить…' }).click();
    await page.waitForURL(/\/mergeWith\?with=/);
    await page.locator('[data-testid=merge-preview]').waitFor({ timeout: 10_000 });
    expect(await page.textContent('[data-testid=merge-moves]')).toBe('Перейдёт к этой карточке: писем 3.');
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/merge-from-duplicates-1280.png` });
    await page.click('[data-testid=merge-submit]');
    await page.locator('[data-testid=merge-done]').waitFor({ timeout: 10_000 });
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [ids.kept])).toEqual([{ n: 3 }]);
    expect(
      await db.dataSource.query(`SELECT is_active, merged_into_id, contacts FROM organizations WHERE id = ANY($1) ORDER BY id`, [[ids.kept, ids.other]]),
    ).toEqual([
      { is_active: true, merged_into_id: null, contacts: 'тел. 2' },
      { is_active: false, merged_into_id: ids.kept, contacts: 'тел. 2' },
    ]);
    // the merged card's address opens the kept one
    await page.goto(`${listener.base}/admin/resources/Organization/records/${ids.other}/show`);
    await page.waitForURL(new RegExp(`/records/${ids.kept}/show`), { timeout: 10_000 });

    await page.goto(`${listener.base}/admin/resources/Organization/actions/possibleDuplicates`);
    await expect.poll(() => page.textContent('[data-testid=duplicates-total]'), { timeout: 10_000 }).toBe('Пар: 0');
    const [{ id: mergeId }] = await db.dataSource.query(`SELECT max(id)::int AS id FROM organization_merges`);
    await undoNewestMergeFromJournal(page, listener.base, db.dataSource);
    expect(await db.dataSource.query(`SELECT undone_at IS NOT NULL AS undone FROM organization_merges WHERE id = $1`, [mergeId])).toEqual([{ undone: true }]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [ids.other])).toEqual([{ n: 3 }]);
    await page.goto(`${listener.base}/admin/resources/Organization/actions/possibleDuplicates`);
    await expect.poll(() => page.textContent('[data-testid=duplicates-total]'), { timeout: 10_000 }).toBe('Пар: 1');
    await page.close();
  }, 120_000);
});
