import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('export of the current list to CSV and XLSX', () => {
  const db = useTestDatabase('export');
  const app = useTestApp(db);
  let clerk: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await db.dataSource.query(`INSERT INTO organizations (full_name, short_name, inn, region_id, date_agreement, contacts, is_gov, updated_at) VALUES
      ('ООО "РОМАШКА"', 'ООО "РОМАШКА"', '7707083893', 77, '2024-05-01', 'тел. 8-800; доб. "12"', true, now() - interval '2 day'),
      ('АО "РОМАШКА-УРАЛ"', NULL, '6658000001', 66, NULL, '=HYPERLINK("http://evil")', false, now() - interval '1 day'),
      ('ООО "ЛЮТИК"', NULL, '5001000002', 50, NULL, NULL, false, now())`);
    clerk = await loginAs(app.app, 'clerk@cert.test');
  });

  it('writes the filtered list in its order as CSV: BOM, Russian headers, «;», quoting, dates, Да/Нет, no formulas', async () => {
    const response = await clerk
      .get('/admin/data/export/Organization.csv')
      .query({ 'filters.q': 'ромашка', sortBy: 'fullName', direction: 'asc' })
      .buffer(true)
      .parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('организации-')}`);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeffПолное наименование;Сокращенное наименование;ИНН;КПП;ОГРН;')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3); // headers + the two РОМАШКА organizations
    expect(lines[1]).toMatch(/^"АО ""РОМАШКА-УРАЛ""";;6658000001;;;;Свердловская область;Уральский;;;"'=HYPERLINK\(""http:\/\/evil""\)";;;Нет;Нет;Да$/);
    expect(lines[2]).toContain('"ООО ""РОМАШКА""";"ООО ""РОМАШКА""";7707083893');
    expect(lines[2]).toContain(';"тел. 8-800; доб. ""12""";01.05.2024;;Да;');
  });

  it('writes a valid XLSX workbook with the same rows', async () => {
    const response = await clerk.get('/admin/data/export/Organization.xlsx').buffer(true).parse(binary);
    expect(response.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'cert-xlsx-'));
    try {
      const file = path.join(dir, 'list.xlsx');
      writeFileSync(file, response.body as Buffer);
      const check = spawnSync(
        'python3',
        [
          '-c',
          `
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = sorted(z.namelist())
sheet = xml.dom.minidom.parseString(z.read('xl/worksheets/sheet1.xml'))
rows = sheet.getElementsByTagName('row')
cells = [''.join(t.firstChild.data if t.firstChild else '' for t in r.getElementsByTagName('t')) for r in rows]
print(len(rows)); print(names); print(cells[1])
for part in names: xml.dom.minidom.parseString(z.read(part))
dates = [(c.getAttribute('r'), c.getElementsByTagName('v')[0].firstChild.data) for c in sheet.getElementsByTagName('c') if c.getAttribute('s') == '2']
print(dates)
styles = z.read('xl/styles.xml').decode()
print('numFmtId="164" formatCode="dd.mm.yyyy"' in styles)
inn = [c.getAttribute('t') for r in rows[1:] for c in r.getElementsByTagName('c') if c.getAttribute('r').startswith('C')]
print(inn)
`,
          file,
        ],
        { encoding: 'utf8' },
      );
      expect(check.stderr).toBe('');
      const [rowCount, names, firstRow, dates, dateStyle, innCells] = check.stdout.trim().split('\n');
      expect(Number(rowCount)).toBe(4); // headers + 3 organizations
      expect(names).toBe(
        "['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']",
      );
      expect(firstRow).toContain('ООО "ЛЮТИК"'); // newest first, as the list
      // a date is a date (serial day 45413 = 01.05.2024, shown as dd.mm.yyyy), an INN is text (leading zeros kept)
      expect(dates).toMatch(/^\[\('[A-Z]+4', '45413'\)\]$/);
      expect(dateStyle).toBe('True');
      expect(innCells).toBe("['inlineStr', 'inlineStr', 'inlineStr']");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports letters and resources too; refuses unknown lists and anonymous users', async () => {
    expect((await clerk.get('/admin/data/export/Message.csv')).status).toBe(200);
    expect((await clerk.get('/admin/data/export/Resource.xlsx')).status).toBe(200);
    expect((await clerk.get('/admin/data/export/User.csv')).status).toBe(404);
    expect((await clerk.get('/admin/data/export/Organization.pdf')).status).toBe(404);
    expect((await request(app.app).get('/admin/data/export/Organization.csv')).status).toBe(401);
  });
});
