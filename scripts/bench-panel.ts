/**
 * Time to usable, in a real browser (issue 24, item 14): Debian's chromium against the compiled server on a generated
 * registry (100,000 organizations and 300,000 letters by default; `-- --organizations 10000` for a quick run). Each
 * round opens a fresh browser context (nothing cached, as a clerk's first visit of the day) and measures:
 *   login → organizations list usable   from «Войти» to the list's rows drawn and the search box focused
 *   full reload of the list               a reload of the page (bundles from the browser's cache, as every next day)
 *   list → card                           a click on a row to the card's name and requisites line drawn
 *   card with 300 letters                 opening that card to its first page of letters drawn
 * and the bytes the browser received for the page, the bundles and a list answer. Prints medians and maxima; not a test.
 *   npm run bench:panel
 *   npm run bench:panel -- --organizations 10000 --rounds 7
 */
import { chromium, type Page } from 'playwright-core';
import { startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const ORGANIZATIONS = argument('--organizations', 100_000);
const ROUNDS = argument('--rounds', 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'Пароль-для-замеров-2026';

const server = await startBenchServer(`cert_bench_panel_${ORGANIZATIONS}`, 3921, {}, (url) => seedRegistry(url, ORGANIZATIONS));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const figures: Record<string, number[]> = {};
const record = (name: string, ms: number) => (figures[name] ??= []).push(ms);
const bytes: Record<string, number> = {};

/** Milliseconds `action` takes until `ready` holds on the page. */
async function timed(_page: Page, action: () => Promise<unknown>, ready: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  await ready();
  return performance.now() - started;
}

const listReady = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('tbody tr').length >= 20 && document.activeElement?.getAttribute('name') === 'q');

try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    if (round === 0) {
      page.on('response', async (response) => {
        const url = response.url();
        // as sent over the wire (compressed), not as unpacked
        const size = (await response.request().sizes()).responseBodySize || Number(response.headers()['content-length'] ?? 0);
        if (/\/admin\/resources\/Organization$/.test(url)) bytes['страница /admin/resources/Organization'] = size;
        else if (/\.bundle\.[0-9a-f]{12}\.js$/.test(url)) bytes['сценарии (4 файла)'] = (bytes['сценарии (4 файла)'] ?? 0) + size;
        else if (/\/api\/resources\/Organization\/actions\/list/.test(url)) bytes['ответ списка (20 строк)'] = size;
      });
    }
    await page.goto(`${server.base}/admin/login?next=${encodeURIComponent('/admin/resources/Organization')}`);
    await page.fill('input[name=email]', 'bench@cert.local');
    await page.fill('input[name=password]', PASSWORD);
    record(
      'вход → список организаций',
      await timed(
        page,
        () => page.click('button:has-text("Войти")'),
        () => listReady(page),
      ),
    );
    record(
      'перезагрузка списка',
      await timed(
        page,
        () => page.reload(),
        () => listReady(page),
      ),
    );
    record(
      'список → карточка',
      await timed(
        page,
        () => page.click('tbody tr:first-child [data-testid=row-link]'),
        () => page.waitForSelector('[data-testid=organization-identity]'),
      ),
    );
    record(
      'карточка с 300 письмами',
      await timed(
        page,
        () => page.goto(`${server.base}/admin/resources/Organization/records/1/show`),
        () => page.waitForFunction(() => document.querySelectorAll('[data-testid=letter-row]').length === 20),
      ),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
process.stdout.write(
  `\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${(ORGANIZATIONS * 3).toLocaleString('ru-RU')} писем; Chromium 1280×720, ${ROUNDS} холодных контекстов; мс\n\n`,
);
process.stdout.write('| шаг | медиана | максимум |\n|---|---|---|\n');
for (const [name, values] of Object.entries(figures)) process.stdout.write(`| ${name} | ${median(values).toFixed(0)} | ${Math.max(...values).toFixed(0)} |\n`);
process.stdout.write('\n| передано браузеру | байт |\n|---|---|\n');
for (const [name, size] of Object.entries(bytes)) process.stdout.write(`| ${name} | ${size.toLocaleString('ru-RU')} |\n`);
