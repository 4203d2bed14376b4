import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFirstSheetRows } from '../../src/engine/export/xlsx-read.js';
import { buildTestApp, createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

/** Bulk import by a list of INNs: the preview per line, the import of the ticked rows in one transaction, the XLSX report. */
describe('bulk import from EGRUL by a list of INNs', () => {
  const db = useTestDatabase('egrul_bulk');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: 10 });
  });
  afterAll(() => stub?.close());
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: stub.url }));
  beforeEach(async () => {
    await db.truncate();
    stub.reset();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });
  const u = (i: number) => generatedUnit(i);
  const binary = (res: import('supertest').Response, done: (error: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };

  it('previews each line, imports the ticked ones in one transaction, and reports every input line in XLSX', async () => {
    await db.dataSource.query(`INSERT INTO organizations (full_name, inn, kpp) VALUES ('УЖЕ ЕСТЬ', $1, $2)`, [u(2).inn, u(2).kpp]);
    await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('БЕЗ КПП', $1)`, [u(3).inn]);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const list = [
      'ИНН;КПП',
      u(1).inn,
      `${u(2).inn};${u(2).kpp}`,
      u(3).inn,
      '7707083893',
      '7707083894',
      u(9).inn,
      `${u(4).inn} ${u(4).kpp}`,
      `${u(9).inn} ${u(9).kpp}`,
    ].join('\n');
    const preview = await admin.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'text/plain; charset=utf-8').send(list);
    expect(preview.status).toBe(200);
    const states = preview.body.rows.map((r: { line: number; state: string }) => [r.line, r.state]);
    expect(states).toEqual([
      [2, 'found'],
      [3, 'registered'],
      [4, 'duplicate'],
      [5, 'not-found'],
      [6, 'invalid'],
      [7, 'branches'],
      [8, 'found'],
      [9, 'found'],
    ]);
    const byLine = (line: number) => preview.body.rows.find((r: { line: number }) => r.line === line);
    expect(byLine(4).message).toContain('Возможный дубль: «БЕЗ КПП»');
    expect(byLine(6).message).toBe('ИНН 7707083894: неверная контрольная сумма');
    expect(byLine(7).units.length).toBeGreaterThan(1);
    expect(byLine(7).units).toHaveLength(3);
    const branch = byLine(7).units.find((unit: { name: string }) => unit.name.startsWith('ФИЛИАЛ 2'));

    const imported = await admin.post(`/admin/data/egrul-bulk/${preview.body.token}/import`).send({
      rows: [
        { line: 2, serviceId: byLine(2).unit.serviceId },
        { line: 7, serviceId: branch.serviceId },
        { line: 8, serviceId: byLine(8).unit.serviceId },
        { line: 9, serviceId: byLine(9).unit.serviceId }, // the head of line 7's branch
        { line: 3, serviceId: 999 }, // not a unit of that line: ignored
      ],
    });
    expect(imported.status).toBe(200);
    expect(imported.body.message).toBe('Добавлено организаций: 4.');
    const rows = await db.dataSource.query(
      `SELECT o.inn, o.kpp, o.full_name, c.status FROM organizations o LEFT JOIN egrul_checks c ON c.organization_id = o.id ORDER BY o.id`,
    );
    expect(rows.slice(2)).toEqual([
      { inn: u(1).inn, kpp: u(1).kpp, full_name: u(1).full_name, status: 'actual' },
      { inn: u(9).inn, kpp: branch.kpp, full_name: `ФИЛИАЛ 2 ${u(9).full_name}`, status: 'actual' },
      { inn: u(4).inn, kpp: u(4).kpp, full_name: u(4).full_name, status: 'actual' },
      { inn: u(9).inn, kpp: u(9).kpp, full_name: u(9).full_name, status: 'actual' },
    ]);
    // the branch is linked to its head, imported in the same list, as the single import does
    const [head] = await db.dataSource.query(`SELECT id FROM organizations WHERE inn = $1 AND kpp = $2`, [u(9).inn, u(9).kpp]);
    expect(await db.dataSource.query(`SELECT head_id FROM organizations WHERE inn = $1 AND kpp = $2`, [u(9).inn, branch.kpp])).toEqual([{ head_id: head.id }]);
    const history = await db.dataSource.query(
      `SELECT DISTINCT tx, source FROM audit_log WHERE table_name = 'organizations' AND action = 'insert' AND source = 'egrul'`,
    );
    expect(history).toHaveLength(1); // one transaction

    const report = await admin.get(`/admin/data/egrul-bulk/${preview.body.token}/report`).buffer(true).parse(binary);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const lines = xlsxFirstSheetRows(report.body as Buffer);
    expect(lines[0]).toEqual(['Строка', 'Исходная строка', 'ИНН', 'КПП', 'Результат', 'Организация', 'Номер в реестре']);
    expect(lines[2]).toEqual(['3', `${u(2).inn};${u(2).kpp}`, u(2).inn, u(2).kpp, 'Уже есть в реестре', expect.any(String), expect.stringMatching(/^\d+$/)]);
    expect(lines.slice(1).map((l) => l[4])).toEqual([
      'Добавлена',
      'Уже есть в реестре',
      'Возможный дубль — не добавлена',
      'Нет в ЕГРЮЛ',
      'Ошибка в строке: ИНН 7707083894: неверная контрольная сумма',
      'Добавлена',
      'Добавлена',
      'Добавлена',
    ]);
    expect(
      (await admin.post(`/admin/data/egrul-bulk/${preview.body.token}/import`).send({ rows: [{ line: 2, serviceId: byLine(2).unit.serviceId }] })).status,
    ).toBe(409);
  });

  it('asks the service once per INN, streams its progress, and keeps the preview when the service goes away', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const branchKpp = (k: number) => `${u(9).inn!.slice(0, 4)}0200${k}`;
    const list = [`${u(9).inn};${u(9).kpp}`, `${u(9).inn};${branchKpp(1)}`, `${u(9).inn};${branchKpp(2)}`, u(1).inn, u(4).inn].join('\n');
    stub.requests.length = 0;
    const streamed = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Accept', 'application/x-ndjson')
      .set('Content-Type', 'text/plain')
      .send(list)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = (streamed.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-2)).toEqual({ progress: { done: 5, total: 5 } });
    const preview = lines.at(-1) as { token: string; rows: { state: string; unit: { kpp: string } | null }[] };
    expect(preview.rows.map((r) => [r.state, r.unit?.kpp])).toEqual([
      ['found', u(9).kpp],
      ['found', branchKpp(1)],
      ['found', branchKpp(2)],
      ['found', u(1).kpp],
      ['found', u(4).kpp],
    ]);
    // three lines of one INN: one list request
    expect(stub.requests.filter((r) => r.includes(`inn=${u(9).inn}`))).toHaveLength(1);
    expect(stub.requests).toHaveLength(3);

    // the service down: each INN asked three times, then «не проверена»; the preview is kept, not a 503
    stub.fail({ kind: 'server-error' });
    const down = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'text/plain')
      .send([u(1).inn, u(4).inn].join('\n'));
    expect(down.status).toBe(200);
    expect(down.body.rows.map((r: { state: string }) => r.state)).toEqual(['unchecked', 'unchecked']);
    expect(down.body.rows[0].message).toMatch(/^Не проверена: Сервис ЕГРЮЛ сообщил о внутренней ошибке \(500\).*Проверьте список ещё раз позже\.$/);
  }, 30_000);

  it('imports several units of one line (a head and a branch) and reports them on that line', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const preview = await admin.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'text/plain').send(u(9).inn!);
    const [row] = preview.body.rows as { line: number; state: string; units: { serviceId: number; kpp: string }[] }[];
    expect(row!.state).toBe('branches');
    const picked = row!.units.slice(0, 2);
    const imported = await admin
      .post(`/admin/data/egrul-bulk/${preview.body.token}/import`)
      .send({ rows: picked.map((unit) => ({ line: row!.line, serviceId: unit.serviceId })) });
    expect(imported.body.message).toBe('Добавлено организаций: 2.');
    const report = await admin.get(`/admin/data/egrul-bulk/${preview.body.token}/report`).buffer(true).parse(binary);
    const [, line] = xlsxFirstSheetRows(report.body as Buffer);
    expect(line![4]).toBe('Добавлена, Добавлена');
    expect(line![6]).toMatch(/^\d+, \d+$/);
  });

  it('keeps the checked list in the database: imported through another server, its report after a restart', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const preview = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'text/plain')
      .send([u(1).inn, u(4).inn].join('\n'));
    expect(preview.status).toBe(200);
    // another server process on the same database (a second node, or this one restarted)
    const other = buildTestApp(db, { EGRUL_SERVICE_URL: stub.url });
    try {
      const sameAdmin = await loginAs(other.app, 'admin@cert.test');
      const rows = preview.body.rows.map((r: { line: number; unit: { serviceId: number } }) => ({ line: r.line, serviceId: r.unit.serviceId }));
      const imported = await sameAdmin.post(`/admin/data/egrul-bulk/${preview.body.token}/import`).send({ rows });
      expect(imported.body.message).toBe('Добавлено организаций: 2.');
      const report = await sameAdmin.get(`/admin/data/egrul-bulk/${preview.body.token}/report`).buffer(true).parse(binary);
      expect(report.status).toBe(200);
      expect(
        xlsxFirstSheetRows(report.body as Buffer)
          .slice(1)
          .map((l) => l[4]),
      ).toEqual(['Добавлена', 'Добавлена']);
      // another admin cannot read it
      await createTestUser(db, 'admin2@cert.test', 'admin');
      const stranger = await loginAs(other.app, 'admin2@cert.test');
      expect((await stranger.get(`/admin/data/egrul-bulk/${preview.body.token}/report`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('nothing is half-applied: the service going away during the import writes nothing and says so', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const preview = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'text/plain')
      .send([u(5).inn, u(6).inn, u(7).inn].join('\n'));
    stub.respond(`/api/organizations/${preview.body.rows[2].unit.serviceId}/`, { detail: 'Ошибка' }, 500);
    const failed = await admin.post(`/admin/data/egrul-bulk/${preview.body.token}/import`).send({
      rows: preview.body.rows.map((r: { line: number; unit: { serviceId: number } }) => ({ line: r.line, serviceId: r.unit.serviceId })),
    });
    expect(failed.status).toBe(503);
    expect(failed.body.message).toContain('Ничего не добавлено');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations`)).toEqual([{ n: 0 }]);
  });

  it('reads an XLSX file; refuses a list that is too long, one without INNs, a broken file; only admins', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const xlsx = (await admin.get('/admin/data/export/Organization.xlsx').buffer(true).parse(binary)).body as Buffer; // an XLSX of our own, header only
    expect((await admin.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'application/octet-stream').send(xlsx)).body.message).toContain(
      'нет ни одного ИНН',
    );
    // a spreadsheet with INNs and KPPs in their columns among other cells: our own export of two organizations
    for (const i of [5, 6]) await db.dataSource.query(`INSERT INTO organizations (full_name, inn, kpp) VALUES ('ДЛЯ ВЫГРУЗКИ', $1, $2)`, [u(i).inn, u(i).kpp]);
    const exported = (await admin.get('/admin/data/export/Organization.xlsx').buffer(true).parse(binary)).body as Buffer;
    await db.dataSource.query(`DELETE FROM organizations`);
    const fromXlsx = await admin.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'application/octet-stream').send(exported);
    expect(fromXlsx.status).toBe(200);
    expect(fromXlsx.body.rows.map((r: { inn: string; kpp: string; state: string }) => [r.inn, r.kpp, r.state]).sort()).toEqual([
      [u(5).inn, u(5).kpp, 'found'],
      [u(6).inn, u(6).kpp, 'found'],
    ]);
    const tooMany = Array.from({ length: 5001 }, () => '7707083893').join('\n');
    const refused = await admin.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'text/plain').send(tooMany);
    expect(refused.status).toBe(413);
    expect(refused.body.message).toContain('больше 5000 строк');
    const broken = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('PK\u0003\u0004 not really'));
    expect(broken.status).toBe(422);
    expect(broken.body.message).toContain('XLSX');
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.post('/admin/data/egrul-bulk/preview').set('Content-Type', 'text/plain').send(u(1).inn!)).status).toBe(403);
  });
});
