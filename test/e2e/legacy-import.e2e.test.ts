import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../bin/cli.js';
import { createTestUser, TEST_PASSWORD } from '../support/app.js';
import { browserAvailable, loggedInPage, useBrowserApp } from '../support/browser.js';
import { dropDatabase, recreateDatabase, withDatabaseName } from '../support/database-urls.js';
import { useTestDatabase } from '../support/db.js';
import { createOldSchema, fillQuirkyOldDatabase } from '../support/legacy-fixture.js';

const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SCREENSHOTS_DIR ? page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png` }) : Promise.resolve(undefined);

class Discard extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    done();
  }
}

/** What a clerk sees of a record brought from the old service: its old number, what did not come across, its first history line. */
describe.runIf(browserAvailable)('records brought from the old service, in the browser', () => {
  const db = useTestDatabase('e2e_legacy');
  const serverUrl = inject('databaseServerUrl');
  const oldName = `cert_test_e2e_legacy_old_${process.env.VITEST_POOL_ID ?? '0'}`;
  let work = '';
  let organizationId = 0;
  let letterId = 0;
  const listener = useBrowserApp(
    db,
    async () => {
      work = await mkdtemp(path.join(tmpdir(), 'cert-e2e-legacy-'));
      await recreateDatabase(serverUrl, oldName);
      const client = new pg.Client({ connectionString: withDatabaseName(serverUrl, oldName) });
      await client.connect();
      await createOldSchema(client);
      await fillQuirkyOldDatabase(client, path.join(work, 'old'));
      await client.end();
      const code = await runCli({
        argv: [
          'import',
          'legacy',
          '--from',
          withDatabaseName(serverUrl, oldName),
          '--files',
          path.join(work, 'old'),
          '--report',
          path.join(work, 'report.xlsx'),
        ],
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, FILES_DIR: path.join(work, 'files') },
        stdin: Readable.from([Buffer.from('')]),
        stdout: new Discard(),
        stderr: new Discard(),
        exitCode: 0,
      });
      if (code !== 0) throw new Error(`cert import legacy: exit ${code}`);
      // the CLI ran in this process: the entities' data source (TypeORM's BaseEntity) is the panel's again
      for (const metadata of db.dataSource.entityMetadatas) (metadata.target as { useDataSource?: (d: unknown) => void }).useDataSource?.(db.dataSource);
      await createTestUser(db, 'clerk@cert.test', 'clerk');
      const id = async (table: string, oldId: string) =>
        ((await db.dataSource.query(`SELECT new_id FROM legacy_ids WHERE table_name = $1 AND old_id = $2`, [table, oldId])) as { new_id: number }[])[0]!.new_id;
      organizationId = await id('organizations', '3');
      letterId = await id('messages', '8');
    },
    () => ({ FILES_DIR: path.join(work, 'files') }),
  );
  afterAll(async () => {
    await dropDatabase(serverUrl, oldName);
    await rm(work, { recursive: true, force: true });
  });

  it('the organization card shows «№ в старой системе» with what was set aside, and its history opens with the move-in', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width, height });
      await page.goto(`${listener.base}/admin/resources/Organization/records/${organizationId}/show`);
      const number = page.locator('[data-testid="legacy-number"]');
      await expect.poll(() => number.textContent()).toBe('3; не перенесено: КПП «12345»');
      expect(await page.locator('[data-testid="fieldset-uuid"]').textContent()).toContain('№ в старой системе');
      await page.locator('[data-testid="fieldset-uuid"]').scrollIntoViewIfNeeded();
      await shot(page, `legacy-card-${width}`);
      const history = page.locator('[data-testid="record-history"]');
      await expect.poll(() => history.locator('[data-testid="history-entry"]').last().textContent()).toContain('Перенесено из старой системы');
      const first = await history.locator('[data-testid="history-entry"]').last().textContent();
      expect(first).toContain('12.03.2021 00:00');
      expect(first).toContain('№ в старой системе: 3; добавлена там 12.03.2021; изменена там 01.05.2022');
      await history.scrollIntoViewIfNeeded();
      await shot(page, `legacy-history-${width}`);
      await page.close();
    }
  });

  it('a letter brought without its number shows the number it had; a record typed here shows no «№ в старой системе»', async () => {
    const page = await loggedInPage(listener.browser, listener.base, 'clerk@cert.test', TEST_PASSWORD, { width: 1280, height: 720 });
    await page.goto(`${listener.base}/admin/resources/Message/records/${letterId}/show`);
    await expect.poll(() => page.locator('[data-testid="legacy-number"]').textContent()).toBe('8; не перенесено: Наш номер «вх 1»');
    const [{ id: typed }] = (await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('ООО "НОВАЯ"') RETURNING id`)) as [{ id: number }];
    await page.goto(`${listener.base}/admin/resources/Organization/records/${typed}/show`);
    await page.waitForSelector('[data-testid="fieldset-uuid"]');
    expect(await page.locator('[data-testid="legacy-number"]').count()).toBe(0);
    expect(await page.locator('[data-testid="fieldset-uuid"]').textContent()).not.toContain('№ в старой системе');
    await page.close();
  });
});
