import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

type Page = import('playwright-core').Page;
const shot = (page: Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

const login = async (page: Page, email: string, password: string) => {
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button:has-text("Войти")');
};

/** Issue 24, item 2: no typed work is lost to an ended session; the login comes back to where it was asked for. */
describe.runIf(browserAvailable)('an ended session loses nothing', () => {
  const db = useTestDatabase('e2e_session_expiry');
  let organizationId = 0;
  let letterId = 0;
  const listener = useBrowserApp(db, async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id: organizationId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name) VALUES ('ООО "РОМАШКА"', 'ООО "РОМАШКА"') RETURNING id`,
    );
    [{ id: letterId }] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ВХ-7', current_date, 'Запрос сведений') RETURNING id`,
    );
  });

  it('a link opened while logged out opens after the login; a wrong password keeps the typed email', async () => {
    const context = await listener.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${listener.base}/admin/resources/Message/records/${letterId}/show`);
    await page.waitForURL(/\/admin\/login\?next=/);
    expect(await page.textContent('[data-testid=login-notice]')).toBe('Войдите, чтобы открыть страницу.');
    await login(page, 'clerk@cert.test', 'не тот пароль');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('Неверный адрес электронной почты или пароль');
    expect(await page.inputValue('input[name=email]')).toBe('clerk@cert.test');
    await shot(page, 'login-wrong-password-1280');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button:has-text("Войти")');
    await page.waitForURL(`${listener.base}/admin/resources/Message/records/${letterId}/show`);
    await context.close();
  });

  it('«Сохранить» after the session ended: the login page says the typed text is kept, and the form comes back filled', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message/actions/new`);
    await expect.poll(() => page.locator('input[name="ourNumber"]').inputValue()).toMatch(/^ВХ-\d+$/);
    await page.fill('input[name="theirNumber"]', '12-И/345');
    await page.fill('textarea[name="information"]', 'Запрос о категорировании объектов КИИ, полстраницы текста');
    await page.click('[data-testid="multi-organizations"] input');
    await page.keyboard.type('ромашка');
    await expect.poll(() => page.locator('[id*="-option-"]').allTextContents()).toEqual([expect.stringContaining('РОМАШКА')]);
    await page.keyboard.press('Enter');
    await page.locator('textarea[name="information"]').click(); // leaves the number field: its value is handed over

    await db.dataSource.query(`DELETE FROM sessions`); // the session ends while the clerk types
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/login\?/);
    expect(await page.textContent('[data-testid=login-notice]')).toBe('Сессия истекла — войдите снова, введённое сохранено');
    await shot(page, 'login-session-expired-1280');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM messages`)).toEqual([{ n: 1 }]);

    await login(page, 'clerk@cert.test', TEST_PASSWORD);
    await page.waitForURL(`${listener.base}/admin/resources/Message/actions/new`);
    await expect.poll(() => page.locator('[data-testid=draft-restored]').count()).toBe(1);
    await expect.poll(() => page.locator('textarea[name="information"]').inputValue()).toBe('Запрос о категорировании объектов КИИ, полстраницы текста');
    expect(await page.locator('input[name="theirNumber"]').inputValue()).toBe('12-И/345');
    await expect.poll(() => page.locator('[data-testid="multi-organizations"]').textContent()).toContain('ООО "РОМАШКА"');
    await shot(page, 'letter-draft-restored-1280');
    await page.click('button[type="submit"]');
    await page.waitForURL(/Message\/records\/\d+\/show/);
    const [saved] = await db.dataSource.query(
      `SELECT m.their_number, m.information, array_agg(om.organization_id) AS organizations FROM messages m JOIN organizations_messages om ON om.message_id = m.id
        WHERE m.their_number = '12-И/345' GROUP BY m.id`,
    );
    expect(saved).toEqual({
      their_number: '12-И/345',
      information: 'Запрос о категорировании объектов КИИ, полстраницы текста',
      organizations: [organizationId],
    });
    // saved: the draft is gone, a new form opens empty
    await page.goto(`${listener.base}/admin/resources/Message/actions/new`);
    await page.waitForSelector('textarea[name="information"]');
    expect(await page.locator('[data-testid=draft-restored]').count()).toBe(0);
    expect(await page.locator('textarea[name="information"]').inputValue()).toBe('');
    await page.close();
  });

  it('leaving a filled form by a link of the panel asks first', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1440, height: 900 });
    await page.goto(`${listener.base}/admin/resources/Organization/records/${organizationId}/edit`);
    await page.fill('input[name="bossFio"]', 'Ромашкин Игорь Евгеньевич');
    await page.locator('textarea[name="fullName"]').click();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.click('a[href="/admin/resources/Message"]');
    await expect.poll(() => asked).toEqual(['Уйти со страницы? Введённое не сохранено и пропадёт.']);
    expect(page.url()).toContain(`/Organization/records/${organizationId}/edit`);
    expect(await page.inputValue('input[name="bossFio"]')).toBe('Ромашкин Игорь Евгеньевич');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('a[href="/admin/resources/Message"]');
    await page.waitForURL(/\/admin\/resources\/Message/);
    await page.close();
  });
});
