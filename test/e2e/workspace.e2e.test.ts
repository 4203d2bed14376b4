import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { brokenWords } from '../support/layout.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const shot = (page: Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** Table rows whose whole height is inside the window, as the clerk sees them without scrolling. */
const rowsInSight = (page: Page) =>
  page.evaluate(
    () =>
      Array.from(document.querySelectorAll('tbody tr')).filter((row) => {
        const box = row.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );

/** How far the page or the list's table reaches past the right edge of what is shown (0: nothing to scroll to). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const table = document.querySelector('table');
    const wrapper = table?.parentElement;
    const page = document.scrollingElement!.scrollWidth - window.innerWidth;
    const inTable = table && wrapper ? Math.max(table.scrollWidth - wrapper.clientWidth, table.getBoundingClientRect().right - window.innerWidth) : 0;
    return Math.max(0, Math.round(page), Math.round(inTable));
  });

/** axe-core's critical and serious findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(),
  );
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Counts the keys pressed and the clicks made in a flow (the closing note's figures). */
function counted(page: Page) {
  const count = { keys: 0, typed: 0, clicks: 0 };
  return {
    count,
    press: async (key: string) => {
      count.keys += 1;
      await page.keyboard.press(key);
    },
    type: async (text: string) => {
      count.typed += [...text].length;
      await page.keyboard.type(text);
    },
    click: async (selector: string) => {
      count.clicks += 1;
      await page.click(selector);
    },
  };
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return `${element?.tagName} ${element?.getAttribute('name') ?? ''} ${element?.getAttribute('data-testid') ?? ''} ${element?.textContent?.trim().slice(0, 40) ?? ''}`;
  });

/** Issue 24, items 4, 6, 8 and 10: a dense register, by keyboard, readable by a screen reader. */
describe.runIf(browserAvailable)('the clerk’s workspace', () => {
  const db = useTestDatabase('e2e_workspace');
  let busy = 0;
  let sberbank = 0;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    for (const [email, name] of [
      ['sidorov@cert.test', 'Сидоров Сергей'],
      ['vasiliev@cert.test', 'Васильев Василий'],
    ] as const) {
      await createTestUser(db, email, 'clerk');
      await db.dataSource.query(`UPDATE users SET display_name = $1 WHERE email = $2`, [name, email]);
    }
    // 40 organizations with long names and contacts, 40 letters with long texts and two organizations each
    await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, region_id, contacts, date_agreement)
       SELECT 'МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ КУЛЬТУРЫ "МЕЖПОСЕЛЕНЧЕСКИЙ ЦЕНТРАЛИЗОВАННЫЙ КУЛЬТУРНО-ДОСУГОВЫЙ ЦЕНТР № ' || g || '"',
              'МБУК "МЦКДЦ № ' || g || '"', NULL, NULL, 1 + g % 80,
              'Директор Департамента информационной безопасности Республики Алтай' || chr(10) || 'тел. 8-800-555-35-' || (10 + g), DATE '2024-01-01' + g
         FROM generate_series(1, 40) g`,
    );
    [{ id: sberbank }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn, region_id, date_agreement, contacts)
       VALUES ('ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"', 'ПАО Сбербанк', '7707083893', '773601001', '1027700132195', 77, '2021-06-15', 'тел. 8-800-555-55-50') RETURNING id`,
    );
    [{ id: busy }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, region_id) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ПЕРЕПИСКА"', 'АО «Переписка»', '7701000019', 77) RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав')`);
    await db.dataSource.query(
      `INSERT INTO organization_documents (organization_id, org_adm_doc_id, props, date_approved) SELECT $1, id, '№ 397-97/297 от 01.02.2024', '2024-02-01' FROM org_adm_docs`,
      [busy],
    );
    const letters = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, their_number, their_date, information, due_date, executor_id)
       SELECT 'incoming', 'ВХ-' || g, DATE '2026-01-01' + g % 300, 'ИСХ-' || g || '/2026', DATE '2025-12-31' + g % 300,
              'Запрос сведений о значимых объектах критической информационной инфраструктуры и о мерах по их защите № ' || g,
              DATE '2026-02-01' + g % 300, (SELECT id FROM users WHERE email = 'vasiliev@cert.test')
         FROM generate_series(1, 300) g RETURNING id`,
    );
    const ids = letters.map((row: { id: number }) => row.id);
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT unnest($1::int[]), $2`, [ids, busy]);
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT unnest($1::int[]), $2`, [ids.slice(0, 40), sberbank]);
  });

  it('a list shows at least 12 rows at 1280×720 and 1440×900, never scrolls sideways, its row menu in sight; the menu hides and stays hidden', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      for (const [resource, name] of [
        ['Organization', 'organizations'],
        ['Message', 'letters'],
      ] as const) {
        await page.goto(`${listener.base}/admin/resources/${resource}`);
        await expect.poll(() => page.locator('tbody tr').count()).toBe(20);
        const rows = await rowsInSight(page);
        process.stdout.write(`${name} at ${width}×${height}: ${rows} rows in sight\n`);
        expect(rows, `${name} at ${width}`).toBeGreaterThanOrEqual(12);
        expect(await sidewaysOverflow(page), `${name} at ${width}`).toBe(0);
        const menu = await page.locator('tbody tr').first().locator('td.options').boundingBox();
        expect(menu!.x + menu!.width).toBeLessThanOrEqual(width);
        expect(await brokenWords(page, 'tbody'), `${name} at ${width}`).toEqual([]);
        if (width !== 1920) await shot(page, `${name}-${width}`);
      }
      // the organizations list by short name, the full name in the tooltip
      await page.goto(`${listener.base}/admin/resources/Organization?filters.q=7707083893`);
      const link = page.locator('tbody [data-testid=row-link]').first();
      await expect.poll(() => link.textContent()).toBe('ПАО Сбербанк');
      expect(await link.getAttribute('title')).toBe('ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"');
      // a region chosen beside the search box, without the drawer: a chip, and only that region's rows
      await page.goto(`${listener.base}/admin/resources/Organization`);
      await expect.poll(() => page.locator('[data-testid=list-region] option').count()).toBeGreaterThan(80);
      await page.selectOption('[data-testid=list-region]', '77');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
      expect(page.url()).toContain('filters.regionId=77');
      expect(await page.locator('[data-testid=filter-chip]').textContent()).toContain('Регион');
      await page.close();
    }
    // the menu can be hidden; the choice survives a reload
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message`);
    await expect.poll(() => page.locator('[data-css=sidebar]').isVisible()).toBe(true);
    await page.click('[data-css=sidebar-toggle]');
    await expect.poll(() => page.locator('[data-css=sidebar]').isVisible()).toBe(false);
    await page.reload();
    await page.waitForSelector('tbody tr');
    await expect.poll(() => page.locator('[data-css=sidebar]').isVisible()).toBe(false);
    await page.click('[data-css=sidebar-toggle]');
    await expect.poll(() => page.locator('[data-css=sidebar]').isVisible()).toBe(true);
    await page.close();
  });

  it('by keyboard alone: search → card → «Зарегистрировать письмо» → save, then «Ответить» → save; focus always visible', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const context = await listener.browser.newContext({ locale: 'ru-RU', viewport: { width, height } });
      const page = await context.newPage();
      // the login by keyboard too
      await page.goto(`${listener.base}/admin/login?next=${encodeURIComponent('/admin/resources/Organization')}`);
      await page.fill('input[name=email]', 'clerk@cert.test');
      await page.fill('input[name=password]', TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin\/resources\/Organization$/);
      const flow = counted(page);
      await expect.poll(() => focused(page)).toContain('list-search-input');
      await flow.type('7707 083 893');
      await flow.press('Enter');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await flow.press('ArrowDown');
      expect(await focused(page)).toContain('ПАО Сбербанк');
      // the focused row's link is outlined
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      await flow.press('Enter');
      await page.waitForURL(/\/records\/\d+\/show$/);
      const toCard = { ...flow.count };
      process.stdout.write(`find by INN → card at ${width}: ${toCard.keys} key presses besides ${toCard.typed} characters typed, ${toCard.clicks} clicks\n`);
      await expect.poll(() => focused(page)).toContain('H2');
      // Tab to «Зарегистрировать письмо»: never into a closed drawer or the menu
      for (let i = 0; i < 6 && !(await focused(page)).includes('action-registerLetter'); i += 1) await flow.press('Tab');
      expect(await focused(page)).toContain('action-registerLetter');
      await flow.press('Enter');
      await page.waitForURL(/\/Message\/actions\/new\?/);
      // the cursor is in the first field to fill: the sender's number (the organization, our number and date are filled)
      await expect.poll(() => focused(page)).toContain('theirNumber');
      await shot(page, `letter-form-${width}`);
      await flow.type(`ЛПУ-${width}`);
      // Tab through the sender's date, executor and due date (the calendar never traps Tab) to «О чем»
      for (let i = 0; i < 6 && !(await focused(page)).includes('information'); i += 1) await flow.press('Tab');
      expect(await focused(page)).toContain('information');
      await flow.type(`Запрос сведений ${width}`);
      await flow.press('Control+Enter');
      await page.waitForURL(/\/Message\/records\/\d+\/show$/);
      process.stdout.write(
        `register an incoming letter from the card at ${width}: ${flow.count.keys - toCard.keys} key presses besides ${flow.count.typed - toCard.typed} characters typed, ${flow.count.clicks - toCard.clicks} clicks\n`,
      );
      const [saved] = await db.dataSource.query(
        `SELECT m.id, m.direction, m.their_number, array_agg(om.organization_id) AS orgs FROM messages m JOIN organizations_messages om ON om.message_id = m.id
          WHERE m.information = $1 GROUP BY m.id`,
        [`Запрос сведений ${width}`],
      );
      expect(saved).toMatchObject({ direction: 'incoming', their_number: `ЛПУ-${width}`, orgs: [sberbank] });

      // the reply, from the letter's card
      const before = { ...flow.count };
      await expect.poll(() => focused(page)).toContain('H2');
      for (let i = 0; i < 8 && !(await focused(page)).includes('action-reply'); i += 1) await flow.press('Tab');
      expect(await focused(page)).toContain('action-reply');
      await flow.press('Enter');
      await page.waitForURL(/\/Message\/actions\/new\?/);
      await expect.poll(() => focused(page)).toContain('information');
      await flow.type(`Ответ ${width}`);
      await flow.press('Control+Enter');
      await page.waitForURL(/\/Message\/records\/\d+\/show$/);
      process.stdout.write(
        `reply at ${width}: ${flow.count.keys - before.keys} key presses besides ${flow.count.typed - before.typed} characters typed, ${flow.count.clicks - before.clicks} clicks\n`,
      );
      const [reply] = await db.dataSource.query(`SELECT direction, parent_id FROM messages WHERE information = $1`, [`Ответ ${width}`]);
      expect(reply).toEqual({ direction: 'outgoing', parent_id: saved.id });
      expect(flow.count.clicks).toBe(0);
      await context.close();
    }
  });

  it('reassigns five letters to another executor from the list, by the name typed', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message?sortBy=ourNumber&direction=asc`);
    await page.waitForSelector('tbody tr');
    const flow = counted(page);
    const chosen = await page.locator('tbody tr').evaluateAll((rows) => rows.slice(0, 5).map((row) => Number(row.getAttribute('data-id'))));
    for (const id of chosen) await flow.click(`tbody tr[data-id="${id}"] td:first-child .adminjs_Checkbox`);
    await flow.click('a:has-text("Назначить исполнителя"), button:has-text("Назначить исполнителя")');
    await page.waitForSelector('[data-testid=letters-bulk-edit]');
    await expect.poll(() => page.locator('[data-testid=bulk-letters] li').count()).toBe(5);
    await page.focus('#options-executorId');
    await flow.type('Сидор');
    await expect.poll(() => page.locator('[class*=option]', { hasText: 'Сидоров Сергей' }).count()).toBeGreaterThan(0);
    await flow.press('Enter');
    await shot(page, 'letters-bulk-reassign-1280');
    await flow.click('[data-testid=bulk-apply]');
    await expect.poll(() => page.locator('[data-testid=letters-bulk-edit]').count()).toBe(0);
    process.stdout.write(`reassign five letters: ${flow.count.clicks} clicks, ${flow.count.keys} key presses besides ${flow.count.typed} characters typed\n`);
    const rows = await db.dataSource.query(`SELECT DISTINCT u.display_name FROM messages m JOIN users u ON u.id = m.executor_id WHERE m.id = ANY($1)`, [
      chosen,
    ]);
    expect(rows).toEqual([{ display_name: 'Сидоров Сергей' }]);
    await expect.poll(() => page.locator('[data-css=notice]').textContent(), { timeout: 10_000 }).toContain('изменено писем — 5');
    // the list still shows its sort and the new executor in its column
    expect(page.url()).toContain('sortBy=ourNumber');
    await expect.poll(() => page.locator(`tbody tr[data-id="${chosen[0]}"]`).textContent()).toContain('Сидоров Сергей');
    await page.close();
  });

  it('a card with 300 letters: its identity in one line under the name, its letters twenty to a page, its section bar in sight', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/records/${busy}/show`);
      const identity = page.locator('[data-testid=organization-identity]');
      await expect.poll(() => identity.textContent()).toContain('ИНН 7701000019');
      expect(await identity.textContent()).toContain('ЕГРЮЛ: не сверялась');
      expect(await identity.textContent()).toContain('Соглашения нет');
      await shot(page, `organization-card-${width}`);
      // the list's own buttons are not repeated on the card
      for (const button of ['Выгрузить', 'Импорт из ЕГРЮЛ', 'Массовый импорт']) {
        expect(await page.locator('[data-css$=action-header] a, [data-css$=action-header] button', { hasText: button }).count(), button).toBe(0);
      }
      const letters = page.locator('[data-testid=organization-letters]');
      await expect.poll(() => letters.locator('[data-testid=letter-row]').count()).toBe(20);
      expect(await page.locator('[data-testid=organization-letters-range]').textContent()).toBe('1–20 из 300');
      await letters.locator('button[data-testid=next]').click();
      await expect.poll(() => page.locator('[data-testid=organization-letters-range]').textContent()).toBe('21–40 из 300');
      await letters.locator('[data-testid=card-sort-status]').click();
      await expect.poll(() => letters.locator('[data-testid=card-letter-status]').first().textContent()).toBe('просрочено');
      expect(await brokenWords(page, '[data-css$="-show-drawer-content"]'), `card at ${width}`).toEqual([]);
      const cardHeight = await page.evaluate(() => document.querySelector('[data-css=app-content]')!.scrollHeight);
      process.stdout.write(`card with 300 letters at ${width}: ${cardHeight} px (${(cardHeight / height).toFixed(1)} screens)\n`);
      expect(cardHeight).toBeLessThan(6 * height);
      // scrolled to its history, the section bar stays on screen under the top bar
      await page.click('[data-testid=card-section-history]');
      await expect
        .poll(() => page.locator('[data-testid=card-sections]').evaluate((nav) => Math.round(nav.getBoundingClientRect().top)))
        .toBeGreaterThanOrEqual(40);
      expect(await page.locator('[data-testid=card-sections]').evaluate((nav) => nav.getBoundingClientRect().bottom)).toBeLessThan(150);
      await page.close();
    }
  });

  it('403 and 404 are distinct Russian pages with the menu, an unknown address inside the panel too', async () => {
    const [letter] = await db.dataSource.query(`SELECT id FROM messages ORDER BY id LIMIT 1`);
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    for (const [path, code, text] of [
      ['/admin/resources/User', 403, 'Раздел «Пользователи» доступен только администраторам'],
      ['/admin/resources/AuditEntry', 403, 'Раздел «Журнал изменений» доступен только администраторам'],
      [`/admin/resources/Message/records/${letter.id}/delete`, 403, 'Это действие в разделе «Письма» доступно только администраторам'],
      ['/admin/resources/Nothing', 404, 'Такого раздела в реестре нет'],
      ['/admin/resources/Organization/actions/nothing', 404, 'В разделе «Организации» нет такого действия'],
      ['/admin/nothing/here', 404, 'Такого адреса в реестре нет'],
    ] as const) {
      const response = await page.goto(`${listener.base}${path}`);
      if (path === '/admin/nothing/here') expect(response?.status()).toBe(404);
      const box = page.locator(`[data-testid=panel-error-${code}]`);
      await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(1);
      expect(await box.textContent(), path).toContain(text);
      expect(await page.locator('[data-css=sidebar] a[href="/admin/resources/Organization"]').isVisible()).toBe(true);
      if (code === 403 && path.endsWith('/User')) await shot(page, 'forbidden-1280');
    }
    // and back: a page that exists shows no error box
    await page.goto(`${listener.base}/admin/resources/Message`);
    await page.waitForSelector('tbody tr');
    expect(await page.locator('[data-testid^=panel-error]').count()).toBe(0);
    await page.close();
  });

  it('axe-core finds no critical or serious violation on the lists, a card, the letter form and the organization form', async () => {
    const [letter] = await db.dataSource.query(`SELECT id FROM messages ORDER BY id LIMIT 1`);
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      for (const [path, ready] of [
        ['/admin/resources/Organization', 'tbody tr'],
        ['/admin/resources/Message', 'tbody tr'],
        [`/admin/resources/Organization/records/${busy}/show`, '[data-testid=letter-row]'],
        [`/admin/resources/Message/records/${letter.id}/show`, '[data-testid=record-history]'],
        ['/admin/resources/Message/actions/new', '[data-testid=record-form]'],
        ['/admin/resources/Organization/actions/new', '[data-testid=record-form]'],
      ] as const) {
        await page.goto(`${listener.base}${path}`);
        await page.waitForSelector(ready);
        await page.waitForTimeout(400); // the form's focus and the names of controls settle
        expect(await seriousViolations(page), `${path} at ${width}`).toEqual([]);
      }
      expect(await page.locator('[role=main]').count()).toBe(1);
      await page.close();
    }
  });
});
