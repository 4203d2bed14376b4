import { beforeAll, describe, expect, it } from 'vitest';
import { UniqueLetterNumbers1795816302832 } from '../../migrations/1795816302832-UniqueLetterNumbers.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** «Наш номер» unique per direction and year in PostgreSQL itself: parallel saves, a restore, the migration. */
describe('letter numbers held by the database', () => {
  const db = useTestDatabase('letter_numbers');
  const app = useTestApp(db);
  const year = new Date().getFullYear();
  const date = `${year}-03-02`;
  let organizationId: number;
  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id: organizationId }] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('ПАО "НОМЕР"', '7707083893') RETURNING id`);
  });
  const letter = (ourNumber: string) => ({
    direction: 'incoming',
    ourNumber,
    ourDate: date,
    information: 'Запрос сведений об объектах',
    'organizations.0': String(organizationId),
  });
  const lettersNumbered = async (key: string) =>
    Number((await db.dataSource.query(`SELECT count(*) AS n FROM messages WHERE registration_number_key(our_number) = $1`, [key]))[0].n);

  it('saves one of 8 parallel registrations with one number; the 7 others are refused, each linked to the saved letter', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    // «ВХ-7», «вх 7», «ВХ.7»: the same number
    const answers = await Promise.all(
      ['ВХ-7', 'вх 7', 'ВХ.7', 'ВХ-7', 'ВХ 7', 'вх-7', 'ВХ-7', 'Вх7'].map((number) =>
        clerk.post('/admin/api/resources/Message/actions/new').send(letter(number)),
      ),
    );
    const saved = answers.filter((a) => a.body.notice?.type === 'success');
    const refused = answers.filter((a) => a.body.record?.errors?.ourNumber);
    expect(saved).toHaveLength(1);
    expect(refused, JSON.stringify(answers.map((a) => [a.status, a.body.notice, a.body.record?.errors]))).toHaveLength(7);
    const [{ id }] = await db.dataSource.query(`SELECT id FROM messages WHERE registration_number_key(our_number) = 'вх7'`);
    for (const answer of refused) {
      expect(answer.body.record.errors.ourNumber.type).toBe(`duplicate:${id}`);
      expect(answer.body.record.errors.ourNumber.message).toMatch(/^Номер .+ уже есть у другого письма \(входящее, от 02\.03\.\d{4}\)/);
    }
    expect(await lettersNumbered('вх7')).toBe(1);
    // the database itself refuses it, whoever writes
    await expect(
      db.dataSource.query(`INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'В Х - 7', $1, 'в обход панели')`, [date]),
    ).rejects.toThrow(/ux_messages_our_number_per_year/);
    expect(
      (
        await db.dataSource.query(
          `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('outgoing', 'ВХ-7', $1, 'другое направление') RETURNING id`,
          [date],
        )
      ).length,
    ).toBe(1);
  });

  it('refuses to restore a deleted letter whose number another letter got since, saying so', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const first = await admin.post('/admin/api/resources/Message/actions/new').send(letter('ВХ-9'));
    const firstId = Number(first.body.record.id);
    expect(first.body.notice, JSON.stringify(first.body.record?.errors)).toEqual({ message: expect.any(String), type: 'success' });
    expect((await admin.post(`/admin/api/resources/Message/records/${firstId}/delete`)).body.notice.type).toBe('success');
    expect((await admin.post('/admin/api/resources/Message/actions/new').send(letter('вх-9'))).body.notice.type).toBe('success');
    const [entry] = await db.dataSource.query(`SELECT id FROM audit_log WHERE table_name = 'messages' AND action = 'delete' AND record_id = $1`, [
      String(firstId),
    ]);
    const restore = await admin.post(`/admin/data/journal/${entry.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.message).toBe(
      'Восстановить нельзя: этот «наш номер» с тех пор получило другое письмо того же направления и года — перенумеруйте одно из них.',
    );
    expect(await lettersNumbered('вх9')).toBe(1);
  });

  it('the migration stops on letters already numbered twice, listing them to renumber', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`DROP INDEX ux_messages_our_number_per_year`);
      await runner.query(
        `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('outgoing', 'ИСХ-3', '2024-05-01', 'а'), ('outgoing', 'исх 3', '2024-06-01', 'б')`,
      );
      const failure = await new UniqueLetterNumbers1795816302832().up(runner).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/^Повторяющиеся «наши номера» писем .*\n {2}2024, исходящие: «ИСХ-3, исх 3» — письма № \d+, \d+\nПеренумеруйте повторы/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
