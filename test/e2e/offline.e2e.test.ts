import { describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, useBrowserApp } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 15, item 14: on an isolated network (every host but ours unreachable) the login page is usable at once and
 * the panel asks nothing of the internet; pages log no warnings.
 */
describe.runIf(browserAvailable)('the panel on an isolated network', () => {
  const db = useTestDatabase('e2e_offline');
  const listener = useBrowserApp(db, () => createTestUser(db, 'clerk@cert.test', 'clerk'));

  it('shows a usable login form in under 2 s with every other host blocked, and logs in without a request outside', async () => {
    const context = await listener.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 720 } });
    const outside: string[] = [];
    // a blocked host that never answers, as on an isolated network (not a quick refusal)
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        outside.push(route.request().url());
        return new Promise(() => undefined);
      },
    );
    const warnings: string[] = [];
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    const started = Date.now();
    await page.goto(`${listener.base}/admin/login`, { waitUntil: 'commit' });
    await page.locator('input[name=email]').waitFor({ state: 'visible' });
    await page.locator('button:has-text("Войти")').waitFor({ state: 'visible' });
    const usableMs = Date.now() - started;
    process.stdout.write(`login page usable in ${usableMs} ms with other hosts blocked\n`);
    expect(usableMs).toBeLessThan(2000);

    await page.fill('input[name=email]', 'clerk@cert.test');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button:has-text("Войти")');
    await page.waitForURL(`${listener.base}/admin`);
    await page.goto(`${listener.base}/admin/resources/Organization`);
    await page.getByText('Записей на странице').waitFor();
    await page.waitForLoadState('networkidle');
    expect(outside).toEqual([]);
    // neither i18next's «supportedLngs» warnings nor @emotion's «already loaded» (the development builds' ~300 per page)
    expect(warnings.filter((text) => /i18next|emotion|supportedLngs/i.test(text))).toEqual([]);
    // the Content-Security-Policy (scripts from the panel and its nonce only) blocks nothing the panel needs
    expect(warnings.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    const policy = (await page.request.get(`${listener.base}/admin/resources/Organization`)).headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await page.content();
    expect([...html.matchAll(/<script(?![^>]*nonce=)[^>]*>/g)].map((m) => m[0])).toEqual([]);
    const icon = await page.evaluate(() => document.querySelector('link[rel=icon]')?.getAttribute('href'));
    expect(icon).toBe('/admin/favicon.svg');
    await context.close();
  });
});
