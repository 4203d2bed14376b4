import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { buildTestApp, createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, launchBrowser, releaseBrowser, listen, loggedInPage } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';
import { makePdf, PNG_BYTES } from '../support/pdf.js';

/** A clerk attaches a scanned document with its covering letter, downloads it, replaces it; refusals. */
describe.runIf(browserAvailable)('documents with scans in a browser', () => {
  const db = useTestDatabase('e2e_documents');
  let filesDir: string;
  let app: App;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  let page: Page;
  let organizationId: number;

  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'cert-e2e-files-'));
    [{ id: organizationId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ЁЛКА"', 'АО "ЁЛКА"', '7707083893') RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав'), ('Соглашение о сотрудничестве')`);
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    app = buildTestApp(db, { FILES_DIR: filesDir });
    server = await listen(app.app);
    base = server.base;
    browser = await launchBrowser();
    page = await loggedInPage(browser, base, 'clerk@cert.test', TEST_PASSWORD, { width: 1400, height: 1100 });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.close();
    await app?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  const openAttachForm = async () => {
    await page.goto(`${base}/admin/resources/Organization/records/${organizationId}/show`);
    await page.click('[data-testid=organization-documents] a:has-text("Прикрепить документ")');
    await page.waitForSelector('[data-testid=document-attach]');
  };
  const chooseType = async (name: string) => {
    await page.click('#attach-orgAdmDocId');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  };
  /** The panel's date picker: typed as ДД.ММ.ГГГГ (its mask adds the dots), the calendar closed after. */
  const typeDate = async (selector: string, iso: string) => {
    await page.click(selector);
    await page.fill(selector, '');
    await page.keyboard.type(`${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`);
    await page.keyboard.press('Escape');
  };
  const downloadUrl = async () =>
    (await page.locator('[data-testid=organization-documents] [data-testid=scan-download]').first().getAttribute('href')) as string;

  it('attaches a PDF with the incoming letter: the card shows the document and the letter; the download is the same bytes', async () => {
    await openAttachForm();
    await chooseType('Устав');
    await typeDate('#attach-dateApproved', '2025-03-01');
    await page.fill('#attach-props', '№ 7');
    await page.fill('#attach-ourNumber', '1111');
    await typeDate('#attach-ourDate', '2025-03-05');
    await page.fill('#attach-theirNumber', 'ЛПУ-16');
    await typeDate('#attach-theirDate', '2025-03-03');
    const pdf = makePdf(150_000, 'first');
    await page.setInputFiles('#attach-scan', { name: 'устав.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.click('[data-testid=document-attach] button:has-text("Добавить")');

    await page.waitForURL(`${base}/admin/resources/Organization/records/${organizationId}/show`);
    // AdminJS drops a notice after about three seconds, so it is read first, before the card's sections load
    await expect.poll(() => page.textContent('body')).toContain('Документ прикреплён; зарегистрировано входящее письмо.');
    await expect.poll(() => page.locator('[data-testid=document-row]').count()).toBe(1);
    const documentRow = (await page.textContent('[data-testid=document-row]')) ?? '';
    expect(documentRow).toContain('Устав');
    expect(documentRow).toContain('01.03.2025');
    expect(documentRow).toContain('№ 7');
    await expect.poll(() => page.locator('[data-testid=letter-row]').count()).toBe(1);
    const letterRow = (await page.textContent('[data-testid=letter-row]')) ?? '';
    expect(letterRow).toContain('о направлении документа «Устав»');
    expect(letterRow).toContain('ЛПУ-16');
    expect(letterRow).toContain('05.03.2025');

    const response = await page.request.get(`${base}${await downloadUrl()}`);
    expect(response.status()).toBe(200);
    expect(Buffer.compare(await response.body(), pdf)).toBe(0);
    expect(response.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2025-03-01 АО ЁЛКА - Устав.pdf')}`);
  });

  it('refuses a PNG renamed .pdf with a message on the field', async () => {
    await openAttachForm();
    await chooseType('Соглашение');
    await typeDate('#attach-dateApproved', '2025-04-01');
    await page.setInputFiles('#attach-scan', { name: 'photo.pdf', mimeType: 'application/pdf', buffer: PNG_BYTES });
    await page.click('[data-testid=document-attach] button:has-text("Добавить")');
    await expect.poll(() => page.textContent('[data-testid=scan-error]')).toContain('не является документом PDF');
    expect(page.url()).toContain('/attachDocument');
  });

  it('refuses a 21 MB file before sending it', async () => {
    await page.setInputFiles('#attach-scan', { name: 'big.pdf', mimeType: 'application/pdf', buffer: makePdf(21 * 1024 * 1024) });
    await expect.poll(() => page.textContent('[data-testid=scan-error]')).toContain('Файл больше 20 МБ');
    await page.click('[data-testid=document-attach] button:has-text("Добавить")');
    await new Promise((r) => setTimeout(r, 300));
    expect(page.url()).toContain('/attachDocument');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organization_documents`)).toEqual([{ n: 1 }]);
  });

  it('replaces the scan: the card keeps one document, the download gives the new bytes', async () => {
    await openAttachForm();
    await chooseType('Устав');
    // the organization has a «Устав» already: its requisites are filled in and the form says the scan is replaced
    await expect.poll(() => page.inputValue('#attach-props')).toBe('№ 7');
    expect(await page.inputValue('#attach-dateApproved')).toBe('01.03.2025');
    expect(await page.textContent('[data-testid=attach-replaces]')).toMatch(
      /уже есть этот документ \(№ 7 от 01\.03\.2025\).*Новый скан заменит прежний \(PDF, 146,5 КБ\)/,
    );
    await typeDate('#attach-dateApproved', '2025-05-01');
    const second = makePdf(80_000, 'second');
    await page.setInputFiles('#attach-scan', { name: 'устав-2.pdf', mimeType: 'application/pdf', buffer: second });
    await page.click('[data-testid=document-attach] button:has-text("Добавить")');
    await page.waitForURL(`${base}/admin/resources/Organization/records/${organizationId}/show`);
    await expect.poll(() => page.textContent('[data-testid=document-row]')).toContain('01.05.2025');
    expect(await page.locator('[data-testid=document-row]').count()).toBe(1);
    expect(await page.textContent('[data-testid=document-row]')).toContain('№ 7'); // the requisites were kept
    expect(await page.textContent('[data-testid=document-row]')).toContain('PDF, 78,1 КБ');
    const response = await page.request.get(`${base}${await downloadUrl()}`);
    expect(Buffer.compare(await response.body(), second)).toBe(0);
  });

  it('refuses an anonymous download', async () => {
    const url = await downloadUrl();
    const anonymous = await browser.newContext();
    try {
      const response = await anonymous.request.get(`${base}${url}`);
      expect(response.status()).toBe(401);
      expect(await response.text()).not.toContain('%PDF');
    } finally {
      await anonymous.close();
    }
  });
});
