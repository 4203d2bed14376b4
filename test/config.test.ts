import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('uses an embedded PostgreSQL in ./data/pg on a non-default port when no database is configured', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: path.resolve('data/pg'), port: 54329 });
    expect(config.env).toBe('development');
    expect(config.seedDemoData).toBe(true);
    expect(config.sessionSecret).toBeUndefined();
  });

  it('hashes passwords at scrypt cost 2^15 unless told lower, and never lower than that in production', () => {
    expect(loadConfig({}).passwordHashCost).toBe(15);
    expect(loadConfig({ PASSWORD_HASH_COST: '10' }).passwordHashCost).toBe(10);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db/cert', SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).passwordHashCost).toBe(15);
    expect(() => loadConfig({ ...production, PASSWORD_HASH_COST: '10' })).toThrow(/PASSWORD_HASH_COST: в продакшене не меньше 15/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9' })).toThrow(ConfigError);
  });

  it('takes DATABASE_URL as it is', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/cert' });
    expect(config.database).toEqual({ kind: 'external', url: 'postgresql://u:p@db:5432/cert' });
    expect(config.seedDemoData).toBe(false);
  });

  it("assembles the original's DB_* and POSTGRES_* variables, escaping the password", () => {
    const config = loadConfig({ DB_HOST: 'db', DB_PORT: '6432', DB_NAME: 'cert', POSTGRES_USER: 'cert', POSTGRES_PASSWORD: 'p@ss/word' });
    expect(config.database).toEqual({ kind: 'external', url: 'postgresql://cert:p%40ss%2Fword@db:6432/cert' });
  });

  it('names every missing DB_* part at once', () => {
    expect(() => loadConfig({ DB_HOST: 'db' })).toThrow(ConfigError);
    try {
      loadConfig({ DB_HOST: 'db' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('DB_NAME');
      expect(problems).toContain('POSTGRES_USER');
    }
  });

  it('refuses to start production without a database and a session secret, naming each variable in Russian', () => {
    let caught: ConfigError | undefined;
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'eighty', SESSION_SECRET: 'short' });
    } catch (error) {
      caught = error as ConfigError;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = caught?.userMessage ?? '';
    expect(text).toContain('Ошибка настроек (переменные окружения или .env):');
    expect(text).toContain('PORT: ожидается число');
    expect(text).toContain('SESSION_SECRET: не короче 32 символов');
    expect(text).not.toMatch(/Expected|must|required/);
  });

  it('says once, in Russian, what is wrong with the EGRUL service address, and catches an /api/ base at start', () => {
    const problemsOf = (value: string) => {
      try {
        loadConfig({ EGRUL_SERVICE_URL: value });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf('ftp://egrul.example/')).toEqual([
      'EGRUL_SERVICE_URL: нужен адрес http:// или https:// сервиса egrul_fts_api, например http://egrul:8000/, получено «ftp://egrul.example/»',
    ]);
    expect(problemsOf('egrul:8000')).toHaveLength(1);
    expect(problemsOf('http://egrul:8000/api/')).toEqual([
      'EGRUL_SERVICE_URL: укажите адрес сервиса без /api/ (реестр добавляет его сам), например http://egrul:8000/, получено «http://egrul:8000/api/»',
    ]);
    expect(problemsOf('http://egrul:8000/')).toEqual([]);
  });

  it('has no default secret in production: a missing SESSION_SECRET is an error', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/db' })).toThrow(/SESSION_SECRET/);
    const ok = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/db', SESSION_SECRET: 'x'.repeat(32) });
    expect(ok.cookieSecure).toBe(true);
  });

  it('rejects a URL that is not PostgreSQL and an unknown log level', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('.env.example documents exactly the variables the configuration reads', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(CONFIG_KEYS));
  });
});
