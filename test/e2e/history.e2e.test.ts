import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** The change history as clerks and admins see it: a card's «История» after an edit; a letter restored from the journal. */
describe.runIf(browserAvailable)('change history in the browser', () => {
  const db = useTestDatabase('e2e_history');
  let organizationId: number;
  let secondId: number;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'admin@cert.test', 'admin');
    [{ id: organizationId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, region_id) VALUES ('ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"', 'ПАО Сбербанк', '7707083893', 77) RETURNING id`,
    );
    [{ id: secondId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ВТОРАЯ"', 'АО "ВТОРАЯ"', '7702070139') RETURNING id`,
    );
  });

  it('a clerk edits an organization and sees the change in its «История»: who, when, ИНН old → new, the region by name', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/records/${organizationId}/edit`);
      const inn = width === 1280 ? '7736050003' : '7707083893';
      await page.fill('input[name="bossFio"]', `Греф Герман Оскарович ${width}`);
      await page.fill('input[name="inn"]', inn);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/show$|\/Organization$/);
      await page.goto(`${listener.base}/admin/resources/Organization/records/${organizationId}/show`);
      const history = page.locator('[data-testid="record-history"]');
      await expect.poll(() => history.locator('[data-testid="history-entry"]').first().textContent()).toContain(`Греф Герман Оскарович ${width}`);
      const latest = await history.locator('[data-testid="history-entry"]').first().textContent();
      expect(latest).toContain('clerk@cert.test');
      expect(latest).toContain('Изменение');
      expect(latest).toContain('ФИО руководителя');
      expect(latest).toContain(width === 1280 ? 'ИНН: 7707083893 → 7736050003' : 'ИНН: 7736050003 → 7707083893');
      expect(latest).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
      await history.scrollIntoViewIfNeeded();
      await shot(page, `card-history-${width}`);
      // a date and time never wrap: each «когда» is one line of text
      const lines = await history.locator('[data-testid="history-entry"] td:first-child').evaluateAll((cells) =>
        cells.map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
        }),
      );
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((n) => n === 1)).toBe(true);
      await page.close();
    }
  });

  it('an admin deletes a letter, finds the deletion in «Журнал изменений» and restores it with its organizations', async () => {
    const [{ id: letterId }] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ВХ-2025/17', '2025-04-01', 'Запрос сведений о значимых объектах КИИ') RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2), ($1, $3)`, [
      letterId,
      organizationId,
      secondId,
    ]);
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width: 1440, height: 900 });
    page.on('dialog', (dialog) => void dialog.accept());
    const deleted = await page.evaluate(async (id) => (await fetch(`/admin/api/resources/Message/records/${id}/delete`, { method: 'POST' })).json(), letterId);
    expect(deleted.notice.type).toBe('success');
    expect(await db.dataSource.query('SELECT id FROM messages WHERE id = $1', [letterId])).toEqual([]);

    await page.goto(`${listener.base}/admin/resources/AuditEntry?filters.tableName=messages&filters.action=delete`);
    await page.waitForSelector('tbody tr');
    await shot(page, 'journal-1440');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().textContent()).toContain('Удаление');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/\/AuditEntry\/records\/\d+\/show$/);
    const view = page.locator('[data-testid="journal-entry"]');
    await expect.poll(() => view.textContent()).toContain('ВХ-2025/17');
    expect(await view.textContent()).toContain('Запрос сведений о значимых объектах КИИ');
    await shot(page, 'journal-entry-1440');
    await page.click('[data-testid="journal-restore"]');
    await expect.poll(() => page.locator('[data-testid="journal-message"]').textContent()).toContain('Письмо восстановлено; связей восстановлено: 2');
    await shot(page, 'journal-restored-1440');
    const links = await db.dataSource.query('SELECT organization_id FROM organizations_messages WHERE message_id = $1 ORDER BY 1', [letterId]);
    expect(links.map((l: { organization_id: number }) => l.organization_id)).toEqual([organizationId, secondId].sort((a, b) => a - b));
    await page.click('[data-testid="journal-message"] a');
    await page.waitForURL(new RegExp(`/Message/records/${letterId}/show$`));
    const history = page.locator('[data-testid="record-history"]');
    await expect.poll(() => history.textContent()).toContain('Восстановление');
    await history.scrollIntoViewIfNeeded();
    await shot(page, 'letter-history-1440');

    // the journal at the smaller screen, with its filters open: Russian labels, nothing wrapped mid-word
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/AuditEntry`);
    await page.waitForSelector('tbody tr');
    await shot(page, 'journal-1280');
    const whoCells = await page.locator('tbody tr td').evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(whoCells.join(' ')).toContain('admin@cert.test (admin@cert.test)');
    await page.getByText('Фильтр', { exact: true }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Раздел');
    const drawer = await page.locator('body').innerText();
    for (const label of ['Кто', 'Раздел', 'Действие', 'Запись (ID)', 'Откуда', 'Когда']) expect(drawer).toContain(label);
    // the drawer slides in: wait until no transition runs (CSS transitions are listed by getAnimations)
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    await shot(page, 'journal-filters-1280');
    await page.goto(
      `${listener.base}/admin/resources/AuditEntry/records/${await db.dataSource.query(`SELECT max(id)::text AS id FROM audit_log WHERE table_name = 'messages'`).then((r) => r[0].id)}/show`,
    );
    await expect.poll(() => page.locator('[data-testid="journal-entry"]').textContent()).toContain('Восстановление');
    await page.click('[data-testid="journal-state"]');
    await expect.poll(() => page.locator('[data-testid="journal-state-view"]').textContent()).toContain('ВХ-2025/17');
    expect(await page.locator('[data-testid="journal-state-view"]').textContent()).toContain('ПАО Сбербанк');
    await page.locator('[data-testid="journal-state-view"]').scrollIntoViewIfNeeded();
    await shot(page, 'journal-state-1280');
    await page.close();
  });

  it('an admin restores a deleted resource from its card: a question first, then a POST; opening the question changes nothing', async () => {
    const [{ id }] = await db.dataSource.query(`INSERT INTO resources (name, owner_id, deleted_at) VALUES ('ГАС «Правосудие»', $1, now()) RETURNING id`, [
      organizationId,
    ]);
    const page = await loggedInPage(listener.browser, listener.base, 'admin@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Resource/records/${id}/show`);
    await page
      .getByRole('button', { name: 'Восстановить' })
      .or(page.getByRole('link', { name: 'Восстановить' }))
      .first()
      .click();
    const question = page.locator('[data-testid="restore-resource"]');
    await expect.poll(() => question.innerText()).toContain('Вернуть ресурс «ГАС «Правосудие»» в реестр?');
    await shot(page, 'resource-restore-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'resource-restore-1440');
    expect((await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]))[0].deleted_at).not.toBeNull();
    await question.getByRole('button', { name: 'Восстановить' }).click();
    await page.waitForURL(`${listener.base}/admin/resources/Resource/records/${id}/show`);
    await expect.poll(async () => (await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]))[0].deleted_at).toBeNull();
    await page.close();
  });

  it('a clerk has no «Журнал изменений» in the menu and cannot open it', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin`);
    const sidebar = page.locator('[data-css="sidebar"]');
    await expect.poll(() => sidebar.innerText()).toContain('Письма');
    const menu = await sidebar.innerText();
    expect(menu).not.toContain('Журнал изменений');
    expect(menu).not.toContain('Пользователи');
    await page.goto(`${listener.base}/admin/resources/AuditEntry`);
    await expect.poll(() => page.locator('[data-testid=panel-error-403]').innerText()).toContain('Раздел «Журнал изменений» доступен только администраторам');
    expect(await page.locator('body').innerText()).not.toContain('clerk@cert.test (clerk@cert.test)');
    await page.close();
  });
});
