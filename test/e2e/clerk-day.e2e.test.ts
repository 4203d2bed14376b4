import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/letter-status.js';
import { todayIn } from '../../src/domain/organization.js';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

type Page = import('playwright-core').Page;
const shot = (page: Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

/** Counts the clicks a flow takes (typing is not a click): every `click` of the flow goes through here. */
function clickCounter(page: Page) {
  let clicks = 0;
  return {
    click: async (selector: string) => {
      clicks += 1;
      await page.click(selector);
    },
    get count() {
      return clicks;
    },
  };
}

/** Rows of the list's table whose cells hold more than one line of a code (ИНН, КПП, numbers, dates). */
const wrappedCodes = (page: Page) =>
  page.locator('tbody td').evaluateAll((cells) =>
    cells.flatMap((cell) =>
      Array.from(cell.querySelectorAll('span'))
        .filter((span) => /^[\d\s./-]*\d[\d./-]*$/.test(span.textContent ?? '') || /^[А-ЯA-Z]{2,5}-\d+/.test(span.textContent ?? ''))
        .filter((span) => new Set(Array.from(span.getClientRects(), (r) => Math.round(r.top))).size > 1)
        .map((span) => span.textContent ?? ''),
    ),
  );

/**
 * Issue 15: the clerk's day at 1280×720 and 1440×900 — the search box, the letters register (organizations column,
 * numbers matched whole, «Ответить», «Зарегистрировать письмо», due dates and the overdue filter), record titles.
 */
describe.runIf(browserAvailable)('the clerk’s day', () => {
  const db = useTestDatabase('e2e_clerk_day');
  const today = todayIn('Europe/Moscow');
  const ids: Record<string, number> = {};
  let clerkId = 0;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'admin@cert.test', 'admin');
    await db.dataSource.query(`UPDATE users SET display_name = 'Иванова Анна' WHERE email = 'clerk@cert.test'`);
    [{ id: clerkId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'clerk@cert.test'`);
    const organization = async (key: string, fullName: string, shortName: string, inn: string, kpp: string) => {
      [{ id: ids[key] }] = await db.dataSource.query(
        `INSERT INTO organizations (full_name, short_name, inn, kpp, region_id, contacts) VALUES ($1, $2, $3, $4, 77, $5) RETURNING id`,
        [
          fullName,
          shortName,
          inn,
          kpp,
          'Отдел информационной безопасности, начальник отдела Петров Пётр Петрович, тел. +7 (495) 500-55-50, доб. 1234, ib@example.ru',
        ],
      );
    };
    await organization('sber', 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"', 'ПАО Сбербанк', '7707083893', '773601001');
    await organization('second', 'АКЦИОНЕРНОЕ ОБЩЕСТВО "ВТОРАЯ"', 'АО "ВТОРАЯ"', '7702070139', '770201001');
    await organization('third', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"', 'ООО "РОМАШКА"', '5001000009', '500101001');
    const letter = async (
      key: string,
      values: {
        direction: string;
        ourNumber: string | null;
        theirNumber?: string;
        due?: string | null;
        executor?: number | null;
        orgs: string[];
        text: string;
        ourDate?: string;
      },
    ) => {
      [{ id: ids[key] }] = await db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, their_number, their_date, due_date, executor_id, information)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          values.direction,
          values.ourNumber,
          values.ourDate ?? addDays(today, -10),
          values.theirNumber ?? null,
          values.theirNumber ? addDays(today, -12) : null,
          values.due ?? null,
          values.executor ?? null,
          values.text,
        ],
      );
      for (const org of values.orgs) {
        await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [ids[key], ids[org]]);
      }
    };
    await letter('overdue', {
      direction: 'incoming',
      ourNumber: 'ВХ-1',
      theirNumber: 'ИСХ-1234',
      due: addDays(today, -2),
      executor: clerkId,
      orgs: ['sber'],
      text: 'Запрос сведений о значимых объектах КИИ',
    });
    await letter('waiting', {
      direction: 'incoming',
      ourNumber: 'ВХ-2',
      theirNumber: 'ИСХ-12345',
      due: addDays(today, 3),
      executor: clerkId,
      orgs: ['second'],
      text: 'О направлении сведений об инцидентах',
    });
    await letter('middle', {
      direction: 'incoming',
      ourNumber: 'ВХ-3',
      theirNumber: 'ИСХ-631234',
      orgs: ['third'],
      text: 'Приглашение на совещание по вопросам безопасности',
    });
    await letter('ours1234', {
      direction: 'incoming',
      ourNumber: '1234',
      theirNumber: 'ИСХ-188873',
      orgs: ['third'],
      text: 'Письмо с нашим номером 1234 и чужим другим',
    });
    await letter('sent', { direction: 'outgoing', ourNumber: 'ИСХ-7', orgs: ['sber', 'second'], text: 'Направляем методические рекомендации' });
  });

  it('finds an organization by an INN typed with spaces in the visible search box and opens its card named by it (≤ 3 clicks)', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      const flow = clickCounter(page);
      // the menu's groups are open and the sidebar is in place: «Организации» is one click from the start page
      await expect.poll(() => page.locator('[data-css="sidebar"] a[href="/admin/resources/Message"]').isVisible()).toBe(true);
      await flow.click('[data-css="sidebar"] a[href="/admin/resources/Organization"]');
      const search = page.locator('[data-testid="list-search-input"]');
      await expect.poll(() => search.evaluate((input) => input === document.activeElement)).toBe(true);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
      expect(await wrappedCodes(page)).toEqual([]);
      // long contacts: one line cut with «…», the whole text in the tooltip, «✎» in sight beside it
      const contacts = page.locator('[data-testid="contacts-text"]').first();
      expect(await contacts.getAttribute('title')).toContain('ib@example.ru');
      expect(await contacts.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await page.locator('[data-testid="contacts-edit-link"]').first().isVisible()).toBe(true);
      await shot(page, `organizations-list-${width}`);
      await search.fill('7707 083 893');
      await search.press('Enter');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      expect(await page.locator('[data-testid="filter-chip"]').textContent()).toContain('7707 083 893');
      await flow.click('tbody tr td:has-text("СБЕРБАНК")');
      await page.waitForURL(/\/records\/\d+\/show$/);
      await expect.poll(() => page.locator('h2').first().textContent()).toBe('ПАО Сбербанк');
      await expect.poll(() => page.title()).toBe('ПАО Сбербанк — Организации — Реестр');
      expect(await page.locator('[data-testid="breadcrumbs"]').textContent()).toContain('Организации/ПАО Сбербанк');
      expect(flow.count).toBeLessThanOrEqual(3);
      process.stdout.write(`find an organization by INN and open its card: ${flow.count} clicks at ${width}\n`);
      await shot(page, `organization-card-${width}`);
      // the card's section bar: counts, and a jump to the documents, which start within the second screen
      await expect.poll(() => page.locator('[data-testid="card-section-letters"]').textContent()).toBe('Переписка2');
      const documentsTop = await page.locator('[data-testid="organization-documents"]').evaluate((el) => el.getBoundingClientRect().top);
      process.stdout.write(`card at ${width}: documents start ${Math.round(documentsTop)} px down\n`);
      expect(documentsTop).toBeLessThan(2 * height);
      await page.click('[data-testid="card-section-documents"]');
      await expect
        .poll(() => page.locator('[data-testid="organization-documents"]').evaluate((el) => Math.round(el.getBoundingClientRect().top)))
        .toBeLessThan(height / 2);

      // nothing found: says so, and offers to drop the filters
      await page.goto(`${listener.base}/admin/resources/Organization?filters.q=несуществующая`);
      await expect.poll(() => page.locator('[data-testid="nothing-found"]').textContent()).toContain('Ничего не найдено');
      await page.click('[data-testid="nothing-found"] button:has-text("Сбросить фильтры")');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
      await page.close();
    }
  });

  it('lists letters with their organizations; a number is matched whole (exact first), words find organizations', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Message`);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
      const sentRow = page.locator(`tbody tr[data-id="${ids.sent}"]`);
      expect(await sentRow.textContent()).toContain('ПАО Сбербанк');
      expect(await sentRow.textContent()).toContain('АО "ВТОРАЯ"');
      expect(await wrappedCodes(page)).toEqual([]);
      await shot(page, `letters-list-${width}`);
      const search = page.locator('[data-testid="list-search-input"]');
      await search.fill('исх 1234');
      await search.press('Enter');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
      const found = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
      expect(found).toEqual([String(ids.overdue), String(ids.waiting)]); // exact first, then the longer number
      await search.fill('ромашка');
      await search.press('Enter');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
      await page.close();
    }
  });

  it('shows the overdue filter and the clerk’s letters due on the start page', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await expect.poll(() => page.locator('[data-testid="due-overdue"]').textContent()).toContain('ВХ-1');
    expect(await page.locator('[data-testid="due-week"]').textContent()).toContain('ВХ-2');
    await shot(page, 'dashboard-1280');
    await page.goto(`${listener.base}/admin/resources/Message`);
    await page.click('[data-testid="quick-overdue"]');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().getAttribute('data-id')).toBe(String(ids.overdue));
    expect(await page.locator('[data-testid="letter-status"]').first().getAttribute('data-status')).toBe('overdue');
    await page.click('[data-testid="quick-mine"]');
    await expect.poll(() => page.locator('[data-testid="filter-chip"]').count()).toBe(2);
    expect(await page.locator('[data-testid="filter-chip"]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Исполнитель:я'), expect.stringContaining('Статус ответа:Просрочено')]),
    );
    await shot(page, 'letters-overdue-1280');
    // the drawer's executor filter lists the users by name (a clerk may not search the users' section)
    await page.click('[data-css="Message-filter-button"], button:has-text("Фильтр")');
    await page.click('#filter-executorId');
    await expect.poll(() => page.locator('[id*="-option-"]', { hasText: 'Иванова Анна' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('registers an incoming letter from an organization’s card (≤ 8 clicks) and replies to a letter (≤ 6 clicks), both prefilled', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${ids.third}/show`);
    const register = clickCounter(page);
    await register.click('a:has-text("Зарегистрировать письмо"), button:has-text("Зарегистрировать письмо")');
    await page.waitForURL(/Message\/actions\/new/);
    await expect.poll(() => page.locator('input[name="direction"][value="incoming"]').isChecked()).toBe(true);
    await expect.poll(() => page.locator('[data-testid="multi-organizations"]').textContent()).toContain('ООО "РОМАШКА"');
    await expect.poll(() => page.locator('input[name="ourNumber"]').inputValue()).toBe('ВХ-4');
    expect(await page.locator('input[name="ourDate"]').inputValue()).toBe(`${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`);
    await page.fill('input[name="theirNumber"]', '12-И/345');
    await page.fill('textarea[name="information"]', 'Запрос о категорировании объектов КИИ');
    await shot(page, 'letter-new-incoming-1280');
    await register.click('button[type="submit"]');
    await page.waitForURL(/Message\/records\/\d+\/show/);
    expect(register.count).toBeLessThanOrEqual(8);
    process.stdout.write(`register an incoming letter from an organization's card: ${register.count} clicks\n`);
    const [created] = await db.dataSource.query(`SELECT id, direction, our_number FROM messages WHERE their_number = '12-И/345'`);
    expect(created).toMatchObject({ direction: 'incoming', our_number: 'ВХ-4' });

    await page.goto(`${listener.base}/admin/resources/Message/records/${ids.overdue}/show`);
    const reply = clickCounter(page);
    await reply.click('a:has-text("Ответить"), button:has-text("Ответить")');
    await page.waitForURL(/Message\/actions\/new/);
    await expect.poll(() => page.locator('input[name="direction"][value="outgoing"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="theirNumber"]').count()).toBe(0); // a sender's field: not for an outgoing letter
    await expect.poll(() => page.locator('[data-testid="multi-organizations"]').textContent()).toContain('ПАО Сбербанк');
    await expect.poll(() => page.locator('input[name="ourNumber"]').inputValue()).toBe('ИСХ-8');
    const todayShown = `${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`;
    await expect.poll(() => page.locator('input[name="ourDate"]').inputValue()).toBe(todayShown);
    await expect
      .poll(() => page.locator('#options-parentId').locator('xpath=ancestor::div[contains(@class,"container")][1]').textContent())
      .toContain('№ ВХ-1');
    await page.fill('textarea[name="information"]', 'Ответ на запрос сведений о значимых объектах');
    await shot(page, 'letter-reply-1280');
    await reply.click('button[type="submit"]');
    await page.waitForURL(/Message\/records\/\d+\/show/);
    expect(reply.count).toBeLessThanOrEqual(6);
    process.stdout.write(`reply to a letter: ${reply.count} clicks\n`);
    const [answer] = await db.dataSource.query(`SELECT parent_id, direction, our_number FROM messages WHERE information LIKE 'Ответ на запрос%'`);
    expect(answer).toMatchObject({ parent_id: ids.overdue, direction: 'outgoing', our_number: 'ИСХ-8' });
    await page.goto(`${listener.base}/admin/resources/Message/records/${ids.overdue}/show`);
    await expect.poll(() => page.locator('[data-testid="letter-status"]').first().getAttribute('data-status')).toBe('answered');
    await expect.poll(() => page.title()).toMatch(/^Вх\. № ВХ-1 от \d{2}\.\d{2}\.\d{4} — Письма — Реестр$/);
    await page.close();
  });

  it('scrolls to the first wrong field after «Сохранить», and links a repeated number to its letter', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message/actions/new`);
    await expect.poll(() => page.locator('input[name="ourNumber"]').inputValue()).toMatch(/^ВХ-\d+$/);
    await page.fill('input[name="ourNumber"]', 'ВХ-1'); // taken this year
    await page.click('button[type="submit"]'); // at the bottom of the form: the page scrolls down to it
    const organizations = page.locator('[data-testid="multi-organizations"]');
    await expect.poll(() => organizations.textContent()).toContain('Выберите хотя бы одну организацию');
    await expect
      .poll(() =>
        organizations.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await page.locator('textarea[name="information"]').fill('Запрос сведений об объектах');
    await page.click('[data-testid="multi-organizations"] input');
    await page.keyboard.type('ромашка');
    await page.locator('[id*="-option-"]', { hasText: 'ООО "РОМАШКА"' }).first().click();
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.locator('[data-testid="duplicate-letter-link"]').getAttribute('href'))
      .toBe(`/admin/resources/Message/records/${ids.overdue}/show`);
    await shot(page, 'letter-duplicate-1280');
    await page.close();
  });
});
