import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';

/** scripts/check-dependencies.ts against a registry of our own on 127.0.0.1 that marks two installed packages deprecated. */
describe('the dependency check', () => {
  it('fails on a deprecated direct dependency, names it, and keeps the listed exceptions with their reason', async () => {
    const deprecated: Record<string, string> = { zod: 'zod 3 is no longer supported', 'express-formidable': 'unmaintained' };
    const server = http.createServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '/').slice(1));
      let version: string;
      try {
        version = (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
      } catch {
        return void res.writeHead(404).end('{}');
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          name,
          'dist-tags': { latest: version },
          versions: { [version]: { name, version, ...(deprecated[name] ? { deprecated: deprecated[name] } : {}) } },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-dependencies.ts'], { env: { ...process.env, npm_config_registry: registry } });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(out).toMatch(/DEPRECATED: zod@[\d.]+: zod 3 is no longer supported/);
      expect(out).toMatch(/deprecated, kept: express-formidable@[\d.]+: unmaintained \(@adminjs\/express 6 requires it/);
      expect(out).toContain('deprecated: 1');
      expect(code).toBe(1);
    } finally {
      server.close();
    }
  }, 60_000);
});
