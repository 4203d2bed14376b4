import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachDocument } from '../../src/documents/document.service.js';
import { createScanStorage } from '../../src/documents/scan-storage.js';
import { saveImportedOrganization } from '../../src/egrul/egrul-import.service.js';
import { DomainValidationError } from '../../src/errors.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { hostileWorkbooks } from '../support/xlsx.js';

/** Every write path runs the same write checks; the HTTP kit decides access before a body is read and answers in Russian. */
describe('write paths and the HTTP kit', () => {
  const db = useTestDatabase('write_paths');
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: 'http://127.0.0.1:9/' }));
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const fieldErrorsOf = async (write: Promise<unknown>) => {
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainValidationError);
    return (error as DomainValidationError).fieldErrors;
  };

  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });

  it('the document service refuses what its columns cannot hold, naming the field, before anything is written', async () => {
    const [organization] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('АО "ЁЛКА"', '7707083893') RETURNING id`);
    const [type] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    const storage = createScanStorage('/tmp/cert-write-paths-unused', 1024);
    const errors = await fieldErrorsOf(
      attachDocument(
        db.dataSource,
        storage,
        organization.id,
        {
          orgAdmDocId: type.id,
          dateApproved: '2025-01-01',
          props: 'п'.repeat(501),
          comment: null,
          isAgreement: false,
          letter: { ourNumber: 'Н'.repeat(300), ourDate: '2025-01-02', theirNumber: null, theirDate: null },
        },
        null,
      ),
    );
    expect(errors.props).toBe('Не длиннее 500 символов (введено 501)');
    expect(await count('organization_documents')).toBe(0);
    expect(await count('messages')).toBe(0);
  });

  it('the EGRUL import refuses a name longer than the column, naming the field, and writes no card', async () => {
    const errors = await fieldErrorsOf(
      db.dataSource.transaction((manager) =>
        saveImportedOrganization(
          manager,
          {
            fullName: 'Ф'.repeat(1001),
            shortName: 'ООО "Ф"',
            inn: '7736050003',
            kpp: '773601001',
            ogrn: '1027700070518',
            factualAddress: null,
            regionCode: 77,
          },
          77,
          1,
        ),
      ),
    );
    expect(errors.fullName).toBe('Не длиннее 1000 символов (введено 1001)');
    expect(await count("organizations WHERE inn = '7736050003'")).toBe(0);
  });

  it('refuses a clerk the bulk import before its body is read: 403 in Russian, not the parser’s 413, for a 6 MB list', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const refused = await clerk.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'text/plain').send('7707083893\n'.repeat(600_000)); // over the list's 5 MB: a parser that ran first would answer 413
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Массовый импорт из ЕГРЮЛ доступен только администраторам.');
  });

  /** Sends a list to the bulk preview while probing the login page and the server's event loop. */
  const sendWhileProbing = async (agent: Awaited<ReturnType<typeof loginAs>>, body: Buffer, type: string) => {
    const login: number[] = [];
    let parsing = true;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const probe = (async () => {
      while (parsing) {
        const started = performance.now();
        await request(app.app).get('/admin/login');
        login.push(performance.now() - started);
      }
    })();
    const started = performance.now();
    const answer = await agent.post('/admin/data/egrul-bulk/preview').set('Content-Type', type).send(body);
    const ms = performance.now() - started;
    parsing = false;
    await probe;
    loop.disable();
    login.sort((a, b) => a - b);
    return { answer, ms, loginMedian: login[Math.floor(login.length / 2)] ?? 0, loginMax: login.at(-1) ?? 0, loopMaxMs: loop.max / 1e6 };
  };

  it('answers each hostile spreadsheet with a Russian 422 within a second, read off the request loop', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    for (const [shape, file] of await hostileWorkbooks()) {
      const { answer, ms, loginMedian, loginMax, loopMaxMs } = await sendWhileProbing(admin, file, 'application/octet-stream');
      process.stdout.write(
        `hostile XLSX over HTTP, ${shape}: ${answer.status} in ${Math.round(ms)} ms; login page median ${Math.round(loginMedian)} ms, ` +
          `at most ${Math.round(loginMax)} ms; event loop delay at most ${Math.round(loopMaxMs)} ms\n`,
      );
      expect(answer.status, shape).toBe(422);
      expect(answer.body.message, shape).toMatch(/нет ни одного ИНН|не читается как таблица XLSX/);
      // quiet machine: 130–280 ms, login median 3–26 ms (the closing note's figures); the bounds leave room for a
      // machine shared with the rest of the suite — a parse on the request loop took 20 s and held every request
      expect(ms, shape).toBeLessThan(3000);
      expect(loginMedian, shape).toBeLessThan(250);
    }
  });

  it('reads a 4 MB pasted list in the reading thread: refused as too long, the server loop never held', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const list = Buffer.from('7707083893;770701001\n'.repeat(200_000)); // 4.2 MB, 200,000 lines
    const rssBefore = process.memoryUsage().rss;
    const { answer, ms, loginMedian, loopMaxMs } = await sendWhileProbing(admin, list, 'text/plain');
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    process.stdout.write(
      `4 MB pasted list: ${answer.status} in ${Math.round(ms)} ms; login page median ${Math.round(loginMedian)} ms; ` +
        `event loop delay at most ${Math.round(loopMaxMs)} ms; server RSS ${rssGrowthMb >= 0 ? '+' : ''}${Math.round(rssGrowthMb)} MB\n`,
    );
    expect(answer.status).toBe(413);
    expect(answer.body.message).toBe('В списке больше 5000 строк с номерами — разделите его на части.');
    expect(loginMedian).toBeLessThan(250);
    expect(loopMaxMs).toBeLessThan(1000); // was 4,400 ms with the list parsed on the loop
  });

  it('answers bad JSON with 400 in Russian, a missing login with 401, never a 500', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const badJson = await admin.post('/admin/data/organizations/1/egrul-apply').set('Content-Type', 'application/json').send('{"fields": [');
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toBe('Тело запроса — не корректный JSON.');
    const anonymous = await request(app.app).get('/admin/data/letters/executors');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/^Войдите в реестр заново/);
    const badDirection = await admin.get('/admin/data/letters/next-number?direction=sideways');
    expect(badDirection.status).toBe(400);
    expect(badDirection.body.message).toBe('Тип письма (direction): incoming или outgoing');
  });
});
