import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { buildTestApp, createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, launchBrowser, releaseBrowser, listen, loggedInPage } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** A clerk's registry work in a real browser: organizations with checks, search and filters, letters, resources. */
describe.runIf(browserAvailable)('the registry in a browser', () => {
  const db = useTestDatabase('e2e_registry');
  let app: App;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await db.dataSource.query(`INSERT INTO organizations (full_name, short_name, inn, kpp, region_id) VALUES
      ('ООО "РОМАШКА"', 'ООО "РОМАШКА"', '7707083893', '773601001', 77),
      ('АО "ЁЛКА"', 'АО "ЁЛКА"', '5001000002', NULL, 50),
      ('АО "РОМАШКА-УРАЛ"', NULL, '6658000001', NULL, 66)`);
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    app = buildTestApp(db);
    server = await listen(app.app);
    base = server.base;
    browser = await launchBrowser();
    page = await loggedInPage(browser, base, 'clerk@cert.test', TEST_PASSWORD, { width: 1400, height: 1100 });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.close();
    await app?.close();
  });

  const idOf = async (inn: string): Promise<number> => (await db.dataSource.query(`SELECT id FROM organizations WHERE inn = $1`, [inn]))[0]?.id;
  /** Picks an option of a react-select (typing to search it). */
  const choose = async (input: string, typed: string, option: string) => {
    await page.click(input);
    await page.keyboard.type(typed);
    const item = page.locator('[id*="-option-"]', { hasText: option }).first();
    await item.waitFor();
    await item.click();
  };
  const listed = async () => {
    await page.waitForSelector('table tbody tr, text=Нет записей', { timeout: 10_000 }).catch(() => undefined);
    return page.locator('table tbody tr').allTextContents();
  };

  it('refuses a wrong INN with a message on the field, then saves the right one', async () => {
    await page.goto(`${base}/admin/resources/Organization/actions/new`);
    await page.fill('[name=fullName]', 'ООО "ЛЮТИК"');
    await page.fill('input[name=inn]', '7707083894');
    await page.click('button:has-text("Сохранить")');
    await expect.poll(() => page.textContent('[data-testid=property-edit-inn]')).toMatch(/контрольн/i);
    expect(await db.dataSource.query(`SELECT id FROM organizations WHERE full_name = 'ООО "ЛЮТИК"'`)).toEqual([]);
    await page.fill('input[name=inn]', '7736050003');
    await page.click('button:has-text("Сохранить")');
    await expect.poll(async () => idOf('7736050003')).toBeGreaterThan(0);
  });

  it('refuses a second active organization with the same INN and KPP, naming the first', async () => {
    await page.goto(`${base}/admin/resources/Organization/actions/new`);
    await page.fill('[name=fullName]', 'Дубликат Ромашки');
    await page.fill('input[name=inn]', '7707083893');
    await page.fill('input[name=kpp]', '773601001');
    await page.click('button:has-text("Сохранить")');
    await expect.poll(() => page.textContent('[data-testid=property-edit-inn]')).toContain('уже есть в реестре');
    expect(await page.textContent('[data-testid=property-edit-inn]')).toContain('ООО "РОМАШКА"');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE inn = '7707083893'`)).toEqual([{ n: 1 }]);
  });

  it('finds organizations by a word and by the start of the INN in the search box', async () => {
    await page.goto(`${base}/admin/resources/Organization`);
    await page.click('[data-css="Organization-filter-button"], button:has-text("Фильтр")');
    await page.fill('input[name=filter-q]', 'ромашка');
    await page.click('button:has-text("Применить")');
    await expect.poll(async () => (await listed()).length).toBe(2);
    expect((await listed()).join(' ')).toContain('РОМАШКА-УРАЛ');

    // "Выгрузить" takes the filtered list along
    await page.goto(page.url()); // the same list, with the filter drawer closed
    await page.click('a:has-text("Выгрузить"), button:has-text("Выгрузить")');
    await page.waitForSelector('[data-testid=export-links]');
    const href = (await page.getAttribute('[data-testid=export-csv]', 'href')) ?? '';
    expect(href).toContain('/admin/data/export/Organization.csv?');
    expect(decodeURIComponent(href)).toContain('filters.q=ромашка');
    const csv = await page.request.get(`${base}${href}`);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(3);

    await page.goto(`${base}/admin/resources/Organization`);

    await page.click('[data-css="Organization-filter-button"], button:has-text("Фильтр")');
    await page.fill('input[name=filter-q]', '7707');
    await page.click('button:has-text("Применить")');
    await expect.poll(async () => (await listed()).length).toBe(1);
    expect((await listed())[0]).toContain('7707083893');
    // «Применить» closes the drawer; the filters stay in sight as chips above the list (issue 15)
    await expect
      .poll(() => page.locator('[data-css="Organization-filter-drawer"]').evaluate((el) => el.getBoundingClientRect().left >= window.innerWidth - 1))
      .toBe(true);
    expect(await page.locator('[data-testid="filter-chip"]').allTextContents()).toEqual(['Поиск:7707×']);
  });

  it('combines a region and a federal district filter', async () => {
    await page.goto(`${base}/admin/resources/Organization`);
    await page.click('[data-css="Organization-filter-button"], button:has-text("Фильтр")');
    await expect.poll(() => page.textContent('body')).toContain('Есть документы всех видов'); // an array filter is shown too
    await choose('[data-testid=property-filter-okrugId] input', 'Центр', 'Центральный');
    await choose('[data-testid=property-filter-regionId] input', 'Москва', 'Москва');
    await page.click('button:has-text("Применить")');
    await expect.poll(async () => (await listed()).length).toBe(1);
    expect((await listed())[0]).toContain('7707083893');
    // «Применить» closes the drawer; the filters stay in sight as chips above the list (issue 15)
    await expect
      .poll(() => page.locator('[data-css="Organization-filter-drawer"]').evaluate((el) => el.getBoundingClientRect().left >= window.innerWidth - 1))
      .toBe(true);
    expect(await page.locator('[data-testid="filter-chip"]').allTextContents()).toEqual(['Федеральный округ:Центральный×', 'Регион:Москва×']);
    expect(page.url()).toContain('filters.okrugId=1');
    // Уральский district with Москва: nothing, and no error
    await page.goto(`${base}/admin/resources/Organization?filters.okrugId=6&filters.regionId=77`);
    await expect.poll(() => page.textContent('body')).toMatch(/Нет записей|Ничего не найдено|не найдено/i);
  });

  it('a letter linked to two organizations appears on both cards', async () => {
    await page.goto(`${base}/admin/resources/Message/actions/new`);
    // a new letter starts as «Входящее» (issue 15)
    await expect.poll(() => page.isChecked('input[name="direction"][value="incoming"]')).toBe(true);
    await choose('#multi-organizations', 'ромашка', 'ООО "РОМАШКА"');
    await choose('#multi-organizations', 'елка', 'АО "ЁЛКА"');
    await page.fill('input[name=ourNumber]', '161-10-11/22');
    await page.fill('textarea[name=information]', 'Запрос сведений о значимых объектах');
    await page.click('button:has-text("Сохранить")');
    await expect.poll(async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages`))[0].n).toBe(2);
    const [{ id: letterId }] = await db.dataSource.query(`SELECT id FROM messages`);
    // the letters' filter by organization (an array property) works in the drawer
    await page.goto(`${base}/admin/resources/Message`);
    await page.click('[data-css="Message-filter-button"], button:has-text("Фильтр")');
    await choose('[data-testid=property-filter-organizations] input', 'елка', 'АО "ЁЛКА"');
    await page.click('button:has-text("Применить")');
    await expect.poll(() => page.url()).toContain('filters.organizations=');
    await expect.poll(async () => (await listed()).length).toBe(1);
    expect(letterId).toBeGreaterThan(0);
    for (const inn of ['7707083893', '5001000002']) {
      await page.goto(`${base}/admin/resources/Organization/records/${await idOf(inn)}/show`);
      await expect.poll(() => page.textContent('[data-testid=organization-letters]')).toContain('Запрос сведений о значимых объектах');
    }
  });

  it('saves a resource with two regions and two industries; a soft delete hides it', async () => {
    await page.goto(`${base}/admin/resources/Resource/actions/new`);
    await page.fill('[name=name]', 'ГИС «Учёт»');
    await choose('#reference-ownerId', 'ромашка', 'ООО "РОМАШКА"');
    await choose('#multi-regions', 'Москва', 'Москва');
    await choose('#multi-regions', 'Тверс', 'Тверская');
    await choose('#multi-industries', 'здрав', 'здравоохранен');
    await choose('#multi-industries', 'связ', 'связ');
    await page.click('button:has-text("Сохранить")');
    await expect.poll(async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM resources`))[0].n).toBe(1);
    const [{ id }] = await db.dataSource.query(`SELECT id FROM resources`);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM resources_regions WHERE resource_id = $1`, [id]))[0].n).toBe(2);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM resources_industries WHERE resource_id = $1`, [id]))[0].n).toBe(2);

    await page.goto(`${base}/admin/resources/Resource/records/${id}/show`);
    await expect.poll(() => page.textContent('[data-testid=references-regions]')).toMatch(/Тверская область, Москва|Москва, Тверская область/);
    expect(await page.textContent('[data-testid=references-industries]')).toMatch(/здравоохранение/);
    const owner = await idOf('7707083893');
    await page.goto(`${base}/admin/resources/Organization/records/${owner}/show`);
    await expect.poll(() => page.textContent('[data-testid=organization-resources]')).toContain('ГИС «Учёт»');
    expect(await page.textContent('[data-testid=organization-resources]')).toMatch(/Москва, Тверская область|Тверская область, Москва/);

    // a delete asks naming the record, and can be taken back at once («Отменить»)
    const deletedAt = async () => (await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]))[0].deleted_at;
    const remove = async () => {
      await page.goto(`${base}/admin/resources/Resource/records/${id}/show`);
      await page.click('a:has-text("Удалить"), button:has-text("Удалить")');
      await expect.poll(() => page.textContent('[data-testid=delete-confirm]')).toContain('Удалить информационный ресурс «ГИС «Учёт»»?');
      await page.click('[data-testid=delete-confirm-yes]');
      await expect.poll(deletedAt).not.toBeNull();
    };
    await remove();
    await page.click('[data-testid=undo-button]');
    await expect.poll(deletedAt).toBeNull();
    await remove();
    await page.goto(`${base}/admin/resources/Resource`);
    await expect.poll(() => page.textContent('body')).not.toContain('ГИС «Учёт»');
    await page.goto(`${base}/admin/resources/Organization/records/${owner}/show`);
    await expect.poll(() => page.textContent('[data-testid=organization-resources]')).toContain('Ресурсов нет');
  });

  it('groups the form and the card in the original fieldsets', async () => {
    await page.goto(`${base}/admin/resources/Organization/actions/new`);
    await page.waitForSelector('[name=fullName]');
    const formHeaders = await page.locator('h3').allTextContents();
    expect(formHeaders).toEqual([
      'Основные реквизиты организации',
      'Адресная информация',
      'Контактные данные',
      'Соглашение о сотрудничестве',
      'Характеристики организации',
    ]);
    expect(await page.textContent('[data-testid=fieldset-fullName]')).toContain('ОГРН');
    expect(await page.getAttribute('textarea[name=fullName]', 'placeholder')).toBe('АКЦИОНЕРНОЕ ОБЩЕСТВО "РОМАШКА"');
    await page.goto(`${base}/admin/resources/Organization/records/${await idOf('7707083893')}/show`);
    await page.waitForSelector('[data-testid=fieldset-uuid]');
    expect(await page.locator('h3').allTextContents()).toEqual(
      expect.arrayContaining(['Основные реквизиты организации', 'Руководство', 'Контактные лица', 'Техническая информация']),
    );
    expect(await page.textContent('[data-testid=fieldset-fullName]')).toContain('7707083893');
  });

  it('edits the contacts from the list and from the card, and nothing else', async () => {
    const id = await idOf('6658000001');
    await page.goto(`${base}/admin/resources/Organization?filters.q=6658`);
    await expect.poll(async () => (await listed()).length).toBe(1);
    await page.click('[data-testid=contacts-edit-link]');
    await page.waitForSelector('[data-testid=contacts-edit] textarea[name=contacts]');
    await page.fill('textarea[name=contacts]', 'Уральский И. И.\n+7 343 000-00-00');
    await page.click('[data-testid=contacts-save]');
    // back on the same filtered list, which shows the new contacts
    await expect.poll(() => page.url()).toContain('filters.q=6658');
    await expect.poll(async () => (await listed()).join(' ')).toContain('+7 343 000-00-00');
    expect((await db.dataSource.query(`SELECT contacts, full_name FROM organizations WHERE id = $1`, [id]))[0]).toEqual({
      contacts: 'Уральский И. И.\n+7 343 000-00-00',
      full_name: 'АО "РОМАШКА-УРАЛ"',
    });

    await page.goto(`${base}/admin/resources/Organization/records/${id}/show`);
    await page.click('[data-testid=property-show-contacts] [data-testid=contacts-edit-link]');
    await page.fill('textarea[name=contacts]', 'x'.repeat(4001));
    await page.click('[data-testid=contacts-save]');
    await expect.poll(() => page.textContent('[data-testid=contacts-edit]')).toContain('Контакты: не длиннее 4000 знаков');
    await page.fill('textarea[name=contacts]', '<b>Приёмная</b>');
    await page.click('[data-testid=contacts-save]');
    await expect.poll(() => page.url()).toMatch(new RegExp(`/records/${id}/show`));
    await expect.poll(() => page.textContent('[data-testid=property-show-contacts]')).toContain('<b>Приёмная</b>'); // escaped, as text
  });

  it('shows 20, 50 or 100 organizations per page', async () => {
    await db.dataSource.query(`INSERT INTO organizations (full_name) SELECT 'ООО "СТРАНИЦА ' || i || '"' FROM generate_series(1, 60) i`);
    const total = (await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations`))[0].n;
    await page.goto(`${base}/admin/resources/Organization`);
    await expect.poll(async () => (await listed()).length).toBe(20);
    await expect.poll(() => page.textContent('[data-testid=page-size]')).toContain(`всего: ${total}`);
    await page.click('[data-testid=page-size] button:has-text("50")');
    await expect.poll(async () => (await listed()).length).toBe(50);
    expect(page.url()).toContain('perPage=50');
    await page.click('[data-testid=page-size] button:has-text("100")');
    await expect.poll(async () => (await listed()).length).toBe(total);
  });

  it('says when a search has more than 1000 matches, and shows the newest of them', async () => {
    await db.dataSource.query(`INSERT INTO messages (direction, our_number, information, created_at)
      SELECT 'outgoing', 'ИСХ-' || i, 'Ответ АО «Беркут» о проведении учений, письмо № ' || i, now() - (i || ' minutes')::interval FROM generate_series(1, 1100) i`);
    await page.goto(`${base}/admin/resources/Message?filters.q=${encodeURIComponent('беркут')}`);
    await expect.poll(() => page.textContent('[data-testid=list-total]')).toBe('найдено больше 1000 — уточните поиск, чтобы увидеть все');
    expect((await listed())[0]).toContain('письмо № 1');
    await page.goto(`${base}/admin/resources/Message?filters.q=${encodeURIComponent('письмо № 1099')}`);
    await expect.poll(() => page.textContent('[data-testid=list-total]')).toBe('всего: 1');
  });
});
