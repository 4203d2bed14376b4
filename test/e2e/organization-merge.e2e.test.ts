import { describe, expect, it } from 'vitest';
import { mergeOrganizations } from '../../src/duplicates/organization-merge.service.js';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, undoNewestMergeFromJournal, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 26 in the browser at 1280×720: from a card, «Объединить с…», find the other card, take one of its values,
 * see what moves, merge; the merged card's letters are the kept card's; then «Отменить объединение» brings both back.
 */
describe.runIf(browserAvailable)('merging two organizations in the browser', () => {
  const db = useTestDatabase('e2e_merge');
  let kept: number;
  let merged: number;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    [{ id: kept }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, contacts) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ДВОЙНИК"', 'АО "ДВОЙНИК"', '7707083893', '773601001', 'тел. 100') RETURNING id`,
    );
    [{ id: merged }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, ogrn, boss_fio) VALUES ('АО "ДВОЙНИК" (ДУБЛЬ)', '7707083893', '1027700132195', 'Иванов И. И.') RETURNING id`,
    );
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'ДВ-' || g, DATE '2025-03-03', 'письмо' FROM generate_series(1, 3) g`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages`, [merged]);
  });

  it('merges from the card with a value of the other, then undoes it', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${kept}/show`);
    await page.locator('[role=main] a, [role=main] button', { hasText: 'Объединить с…' }).first().click();
    await page.waitForURL(/\/mergeWith/);
    await page.fill('#merge-other', '1027700132195');
    await page.locator('[data-testid=merge-candidates] button').first().click();
    await page.locator('[data-testid=merge-preview]').waitFor({ timeout: 10_000 });
    expect(await page.textContent('[data-testid=merge-moves]')).toBe('Перейдёт к этой карточке: писем 3.');
    // ОГРН and the head's name: empty here, the other's by default; the full name: this card's unless chosen
    expect(await page.locator('[data-testid=merge-field-ogrn] input[value=merged]').isChecked()).toBe(true);
    await page.locator('[data-testid=merge-field-full_name] input[value=merged]').check();
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/merge-form-1280.png`, fullPage: true });
    await page.click('[data-testid=merge-submit]');
    await page.locator('[data-testid=merge-done]').waitFor({ timeout: 10_000 });
    expect(await db.dataSource.query(`SELECT full_name, ogrn, boss_fio FROM organizations WHERE id = $1`, [kept])).toEqual([
      { full_name: 'АО "ДВОЙНИК" (ДУБЛЬ)', ogrn: '1027700132195', boss_fio: 'Иванов И. И.' },
    ]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [kept])).toEqual([{ n: 3 }]);
    expect(await db.dataSource.query(`SELECT is_active, merged_into_id FROM organizations WHERE id = $1`, [merged])).toEqual([
      { is_active: false, merged_into_id: kept },
    ]);

    await page.click('[data-testid=merge-undo]');
    await page.locator('[data-testid=merge-undone]').waitFor({ timeout: 10_000 });
    expect(await db.dataSource.query(`SELECT full_name, ogrn, is_active FROM organizations WHERE id = ANY($1) ORDER BY id`, [[kept, merged]])).toEqual([
      { full_name: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "ДВОЙНИК"', ogrn: null, is_active: true },
      { full_name: 'АО "ДВОЙНИК" (ДУБЛЬ)', ogrn: '1027700132195', is_active: true },
    ]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [merged])).toEqual([{ n: 3 }]);

    // merged again; undone from its entry in the journal
    await (
      await mergeOrganizations(db.dataSource, { keptId: kept, mergedId: merged })
    ).searchRefreshed;
    await undoNewestMergeFromJournal(page, listener.base, db.dataSource);
    expect(await db.dataSource.query(`SELECT is_active, merged_into_id FROM organizations WHERE id = $1`, [merged])).toEqual([
      { is_active: true, merged_into_id: null },
    ]);
    await page.close();
  }, 90_000);
});
