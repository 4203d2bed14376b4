import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { describeDatabaseFailure } from '../../src/engine/db/database-failure.js';

/** Errors as pg, Node and TypeORM really throw them, turned into what the operator reads. */
describe('describeDatabaseFailure', () => {
  it('names the address a real connection attempt was refused at', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'nobody', database: 'nowhere' });
    const error = await client.connect().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(describeDatabaseFailure(error)).toBe(
      'Не удалось подключиться к PostgreSQL (127.0.0.1:1): сервер не принимает соединения. Проверьте, что он запущен, и адрес в DATABASE_URL.',
    );
  });

  it('reads the SQLSTATE through TypeORM, an AggregateError and a cause', () => {
    const missingTable = Object.assign(new Error('relation "regions" does not exist'), { code: '42P01' });
    const wrapped = new QueryFailedError('SELECT 1 FROM regions', [], missingTable);
    expect(describeDatabaseFailure(wrapped)).toBe(
      'Схема базы данных не создана или устарела (relation "regions" does not exist): выполните «cert db migrate» (сервер на встроенной базе делает это сам при запуске).',
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED', address: '::1', port: 5432 });
    expect(describeDatabaseFailure(new AggregateError([refused], 'all attempts failed'))).toContain('(::1:5432)');
    const noDatabase = Object.assign(new Error('database "cert" does not exist'), { code: '3D000' });
    expect(describeDatabaseFailure(new Error('could not open', { cause: noDatabase }))).toBe(
      'База данных не найдена (database "cert" does not exist): создайте её или исправьте имя в DATABASE_URL.',
    );
    const login = Object.assign(new Error('password authentication failed for user "cert"'), { code: '28P01' });
    expect(describeDatabaseFailure(login)).toContain('проверьте пользователя и пароль в DATABASE_URL');
  });

  it('leaves every other error to the caller: a bug stays a bug, a constraint stays the form’s business', () => {
    expect(describeDatabaseFailure(new TypeError('x is undefined'))).toBeNull();
    expect(describeDatabaseFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(describeDatabaseFailure('text')).toBeNull();
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(describeDatabaseFailure(loop)).toBeNull();
  });
});
