import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CONNECTION, panelRequest } from '../../components/engine/panel-request.js';

/** The panel's requests say in Russian what went wrong: a dropped connection, a proxy's HTML page, an answer. */
describe('panelRequest', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/drop') return void req.socket.destroy();
      if (req.url === '/html') {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return void res.end('<html><body>Bad Gateway</body></html>');
      }
      res.writeHead(req.url === '/refused' ? 422 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: req.url === '/refused' ? 'Ничего не добавлено.' : 'Готово.' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives the answer and its status', async () => {
    expect(await panelRequest(`${base}/ok`)).toEqual({ ok: true, status: 200, body: { message: 'Готово.' } });
    expect(await panelRequest(`${base}/refused`, { method: 'POST' })).toEqual({ ok: false, status: 422, body: { message: 'Ничего не добавлено.' } });
  });

  it('says «Нет связи с сервером реестра» for a dropped connection, never «Failed to fetch»', async () => {
    await expect(panelRequest(`${base}/drop`)).rejects.toThrow(NO_CONNECTION);
    await expect(panelRequest('http://127.0.0.1:9/')).rejects.toThrow(NO_CONNECTION);
  });

  it('says what happened when a proxy answers with an HTML page', async () => {
    await expect(panelRequest(`${base}/html`)).rejects.toThrow(
      'Сервер реестра ответил не так, как ожидалось (код 502). Проверьте, что сделано, и повторите позже.',
    );
  });
});
