import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * «Наш номер» is unique per direction and year in PostgreSQL itself, whoever writes (the panel, a restore from the
 * journal, a script): the same number means the same registration_number_key() (letters and digits, any case,
 * spaces and punctuation ignored), in the same direction, in the same calendar year of our_date. The application's
 * check stays for its message with a link; this index is what two parallel saves cannot pass.
 * Letters already numbered twice stop the migration with a list to renumber (a number is never changed silently).
 */
export class UniqueLetterNumbers1795816302832 implements MigrationInterface {
  name = 'UniqueLetterNumbers1795816302832';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const duplicates: { direction: string; year: number; numbers: string; ids: string }[] = await queryRunner.query(
      `SELECT direction, extract(year FROM our_date)::int AS year, string_agg(DISTINCT our_number, ', ') AS numbers, string_agg(id::text, ', ' ORDER BY id) AS ids
         FROM messages
        WHERE our_number IS NOT NULL AND our_date IS NOT NULL AND registration_number_key(our_number) <> ''
        GROUP BY direction, extract(year FROM our_date), registration_number_key(our_number)
       HAVING count(*) > 1
        ORDER BY 2, 1, 3
        LIMIT 20`,
    );
    if (duplicates.length > 0) {
      const lines = duplicates.map((d) => `  ${d.year}, ${d.direction === 'incoming' ? 'входящие' : 'исходящие'}: «${d.numbers}» — письма № ${d.ids}`);
      throw new Error(
        `Повторяющиеся «наши номера» писем (в одном направлении и году), до 20 групп:\n${lines.join('\n')}\n` +
          'Перенумеруйте повторы в панели и повторите миграцию (cert db migrate).',
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_messages_our_number_per_year" ON "messages" ("direction", (extract(year FROM "our_date")), registration_number_key("our_number"))
        WHERE "our_number" IS NOT NULL AND "our_date" IS NOT NULL AND registration_number_key("our_number") <> ''`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ux_messages_our_number_per_year"`);
  }
}
