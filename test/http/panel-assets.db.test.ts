import http from 'node:http';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/engine/http/panel-assets.js';
import { createTestUser, loginAs, TEST_PASSWORD, useTestApp } from '../support/app.js';
import { listen } from '../support/browser.js';
import { useTestDatabase } from '../support/db.js';

/** A GET over plain node:http, so the body is the bytes on the wire (supertest would decompress them). */
function rawGet(base: string, pathname: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** The panel's scripts: minified, compressed, under hashed names cached for a year, in the default (non-production) mode. */
describe('the panel’s script bundles', () => {
  const db = useTestDatabase('panel_assets');
  const app = useTestApp(db);
  let server: { base: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await listen(app.app);
  });
  afterAll(() => server.close());

  beforeAll(async () => {
    await db.truncate();
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });
  const panelPage = async () => (await loginAs(app.app, 'clerk@cert.test')).get('/admin/resources/Organization');
  const linkedScripts = async (): Promise<string[]> => {
    const page = await panelPage();
    expect(page.status).toBe(200);
    return [...page.text.matchAll(/<script(?: nonce="[^"]*")? src="([^"]+)"/g)].map((m) => m[1]!);
  };

  it('links each bundle under a name with its content hash, and a local favicon', async () => {
    const scripts = await linkedScripts();
    expect(scripts).toHaveLength(4);
    for (const name of ['global', 'design-system', 'app', 'components']) {
      expect(scripts).toContainEqual(expect.stringMatching(new RegExp(`^/admin/frontend/assets/${name}\\.bundle\\.[0-9a-f]{12}\\.js$`)));
    }
    for (const page of [await panelPage(), await request(app.app).get('/admin/login')]) {
      expect(page.text).toContain('<link rel="icon" type="image/svg+xml" href="/admin/favicon.svg">');
    }
    const icon = await request(app.app).get('/admin/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('serves them brotli- or gzip-compressed, minified, cached for a year; all four under 1.2 MB on the wire', async () => {
    const scripts = await linkedScripts();
    let wire = 0;
    let unpacked = 0;
    for (const src of scripts) {
      const br = await rawGet(server.base, src, 'gzip, deflate, br');
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
      const body = zlib.brotliDecompressSync(br.body);
      wire += br.body.length;
      unpacked += body.length;
      // a development build has source comments on every other line and NODE_ENV checks left in
      expect(body.toString('utf8')).not.toContain('process.env.NODE_ENV !== "production"');

      const gz = await rawGet(server.base, src, 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).equals(body)).toBe(true);

      const plain = await rawGet(server.base, src, 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(body)).toBe(true);
    }
    expect(unpacked).toBeLessThan(5 * 1024 * 1024); // the development builds are 26 MB
    expect(wire).toBeLessThan(1.2 * 1024 * 1024);
    process.stdout.write(`panel bundles: ${(unpacked / 1048576).toFixed(1)} MB minified, ${(wire / 1048576).toFixed(2)} MB brotli\n`);
  });

  it('answers the plain name with the same bundle, revalidated; an unknown hash is not found', async () => {
    const plain = await request(app.app).get('/admin/frontend/assets/app.bundle.js').set('Accept-Encoding', 'gzip');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('no-cache');
    const unknown = await request(app.app).get('/admin/frontend/assets/app.bundle.000000000000.js');
    expect(unknown.status).toBe(404);
  });

  it('publishes its bundles for the other nodes, and serves another build’s bundle that a node of it published (a rolling deploy)', async () => {
    // this node's four bundles, under the names its pages link, published when it serves its first page
    expect((await panelPage()).status).toBe(200);
    await expect
      .poll(
        async () =>
          (await db.dataSource.query(`SELECT hashed_name FROM panel_bundles ORDER BY 1`)).map((r: { hashed_name: string }) =>
            r.hashed_name.replace(/\.[0-9a-f]{12}\.js$/, ''),
          ),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['app.bundle', 'components.bundle', 'design-system.bundle', 'global.bundle']);
    // a bundle of another build, published by a node that runs it
    const other = Buffer.from('window.__otherBuild = 1;');
    await db.dataSource.query(`INSERT INTO panel_bundles (hashed_name, body) VALUES ('components.bundle.abcdefabcdef.js', $1)`, [other]);
    const served = await request(app.app).get('/admin/frontend/assets/components.bundle.abcdefabcdef.js').set('Accept-Encoding', 'identity');
    expect(served.status).toBe(200);
    expect(served.text).toBe(other.toString());
    expect(served.headers['cache-control']).toContain('max-age=31536000');
  });

  it('serves the login page as a plain form that needs no script: escaped error, the same field names', async () => {
    const page = await request(app.app).get('/admin/login');
    expect(page.text).not.toContain('<script');
    expect(page.text).toMatch(/<form method="post" action="\/admin\/login">/);
    expect(page.text).toContain('name="email"');
    expect(page.text).toContain('name="password"');
    const refused = await request(app.app).post('/admin/login').type('form').send({ email: '<b>x</b>@cert.test', password: 'wrong' });
    expect(refused.text).toContain('Неверный адрес электронной почты или пароль');
    expect(refused.text).not.toContain('<b>x</b>');
    await expect(request(app.app).post('/admin/login').type('form').send({ email: 'clerk@cert.test', password: TEST_PASSWORD })).resolves.toMatchObject({
      status: 302,
    });
  });

  it('chooses brotli over gzip, honours q=0, and sends identity when neither is accepted', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('deflate')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});
