import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The egrul_fts_api service in docker-compose.yml (issue 12, item 9) can be reached by the panel: the compose
 * plugin is not on this machine, so the file is checked against the service's own deployment (egrul-api.md §8).
 */
describe('docker-compose.yml: the EGRUL service in the stack', () => {
  const compose = readFileSync('docker-compose.yml', 'utf8');
  const service = (name: string) => {
    const start = compose.indexOf(`\n  ${name}:\n`);
    expect(start, `service ${name}`).toBeGreaterThan(0);
    const rest = compose.slice(start + 1);
    const end = rest.slice(1).search(/\n {2}[a-z-]+:\n|\nvolumes:/);
    return end < 0 ? rest : rest.slice(0, end + 1);
  };

  it('runs the Django app under gunicorn on port 8000, listing its own name in BACKEND_HOSTS', () => {
    const web = service('egrul-web');
    expect(web).toContain("profiles: ['egrul']");
    expect(web).toContain('--bind 0:8000');
    expect(web).toMatch(/BACKEND_HOSTS: '[^']*\begrul-web\b/);
    expect(web).toMatch(/DB_HOST: egrul-db/);
    expect(web).toMatch(/SECRET_KEY: \$\{EGRUL_SECRET_KEY:-\}/);
  });

  it('gives it its own PostgreSQL image with the stop-word file its migrations need', () => {
    const db = service('egrul-db');
    expect(db).toContain('/infra/postgresql');
    expect(db).toMatch(/POSTGRES_PASSWORD: \$\{EGRUL_DB_PASSWORD:-\}/);
  });

  it('tells the panel to use http://egrul-web:8000/ (28961 is only the service’s own nginx on a host)', () => {
    expect(compose).toContain('EGRUL_SERVICE_URL=http://egrul-web:8000/');
    expect(compose).not.toMatch(/EGRUL_SERVICE_URL=http:\/\/egrul:28961/);
  });
});
