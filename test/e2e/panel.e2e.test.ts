import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/demo-data.js';
import type { App } from '../../src/app/app.js';
import { buildTestApp, createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, launchBrowser, releaseBrowser } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** A clerk's first steps in a real browser, in a time zone far east of UTC (dates must not shift). */
describe.runIf(browserAvailable)('the panel in a browser', () => {
  const db = useTestDatabase('e2e_panel');
  let app: App;
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await db.dataSource.transaction((manager) => loadDemoData(manager));
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    app = buildTestApp(db);
    server = await new Promise<Server>((resolve) => {
      const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Asia/Vladivostok', viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await new Promise((resolve) => server?.close(resolve));
    await app?.close();
  });

  it('refuses a wrong password with a Russian message', async () => {
    await page.goto(`${base}/admin/resources/Organization`);
    expect(page.url()).toBe(`${base}/admin/login?next=${encodeURIComponent('/admin/resources/Organization')}`);
    await page.fill('input[name=email]', 'clerk@cert.test');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button:has-text("Войти")');
    await expect.poll(() => page.textContent('body')).toContain('Неверный адрес электронной почты или пароль');
  });

  it('logs in and opens the organizations list, in Russian', async () => {
    await page.fill('input[name=email]', 'clerk@cert.test');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button:has-text("Войти")');
    // the login asked for on the way to the organizations (the test before) leads there
    await page.waitForURL(`${base}/admin/resources/Organization`);
    await page.goto(`${base}/admin`);
    // the menu's groups start open (issue 15): the section is one click away
    await page.click('[data-css="sidebar"] a[href="/admin/resources/Organization"]');
    await page.waitForSelector('table tbody tr');
    const body = (await page.textContent('body')) ?? '';
    // headed by the section, not «Список»; the button says what it makes
    const headings = await page.locator('h1, h2, h3').allTextContents();
    expect(headings.filter((h) => /^Организации\d*$/.test(h))).toHaveLength(1); // the heading, with the count beside it
    expect(headings.filter((h) => h.startsWith('Список'))).toEqual([]);
    for (const text of ['Новая организация', 'Фильтр', 'Наименование', 'ИНН', 'КПП', 'Регион', 'Навигация', 'Письма', 'Информационные ресурсы']) {
      expect(body).toContain(text);
    }
    for (const english of ['Create new', 'Filter', 'List', 'Navigation', 'Dashboard', 'Organizations']) {
      expect(body).not.toContain(english);
    }
    expect(await page.locator('table tbody tr').count()).toBe(12);
    // the demo's oldest agreement, 2020-01-01, shown as dd.MM.yyyy and not shifted to 31.12.2019 or 02.01.2020
    expect(body).toContain('01.01.2020');
    expect(body).not.toContain('2020-01-01');
  });

  it('opens the filter with Russian labels and Да/Нет choices', async () => {
    await page.click('[data-css="Organization-filter-button"], button:has-text("Фильтр")');
    await page.waitForSelector('text=Применить');
    const drawer = (await page.textContent('body')) ?? '';
    expect(drawer).toContain('Сбросить фильтры');
    expect(drawer).toContain('ГОВ');
    expect(drawer).not.toContain('Apply changes');
  });

  it('saves a typed agreement date exactly as typed (no time-zone shift) and shows it as dd.MM.yyyy', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM organizations WHERE inn LIKE '5027%'`);
    await page.goto(`${base}/admin/resources/Organization/records/${id}/edit`);
    const input = page.locator('input[name=dateAgreement]');
    await input.waitFor();
    expect(await input.inputValue()).toBe('');
    await input.click();
    await expect
      .poll(() => page.textContent('.react-datepicker'))
      .toMatch(/(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) \d{4}/i);
    await input.pressSequentially('01032024');
    await page.keyboard.press('Escape');
    expect(await input.inputValue()).toBe('01.03.2024');
    await page.click('button:has-text("Сохранить")');
    await expect
      .poll(async () => (await db.dataSource.query('SELECT date_agreement FROM organizations WHERE id = $1', [id]))[0].date_agreement)
      .toBe('2024-03-01');
    await page.goto(`${base}/admin/resources/Organization/records/${id}/show`);
    await expect.poll(() => page.textContent('body')).toContain('01.03.2024');
    // and opening the form again shows the stored day, not its neighbour
    await page.goto(`${base}/admin/resources/Organization/records/${id}/edit`);
    await expect.poll(() => page.locator('input[name=dateAgreement]').inputValue()).toBe('01.03.2024');
  });

  it('speaks Russian in selects too: placeholder and empty search', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM messages LIMIT 1`);
    await page.goto(`${base}/admin/resources/Message/records/${id}/edit`);
    await page.waitForSelector('text=Основание');
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('Select...');
    expect(body).toContain('Выберите');
  });

  it('shows the home page in Russian with what the registry holds', async () => {
    await page.goto(`${base}/admin`);
    await page.waitForSelector('[data-testid=dashboard]');
    // the counts arrive after the page: wait for them rather than read the first paint
    await expect.poll(async () => (await page.textContent('[data-testid=dashboard]')) ?? '').toMatch(/Организации\s*11/); // 12 demo organizations, one of them liquidated
    expect((await page.textContent('[data-testid=dashboard] h2')) ?? '').toBe('Сводка');
  });

  it('hides the users section from a clerk', async () => {
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('Пользователи');
  });
});
