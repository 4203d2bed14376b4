import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead's dashboard (issue 25) without scanning the letters:
 * - `letter_day_counts`: letters per registration day and direction, kept by statement triggers on messages (one
 *   upsert per statement, of the days it touched, in key order so that concurrent statements lock alike); the
 *   letters-per-month figure sums a period's days (a few hundred rows, not 300,000 letters);
 * - answer times read two covering indexes: the incoming letters by date with their executor, and the answers by
 *   the letter they answer with their date (index-only scans, no table visits);
 * - `tallies`: rows counted by a key, each kept by statement triggers on one table only (no trigger reads another
 *   table, so two transactions changing an organization and its check cannot leave a wrong count): the active
 *   organizations by region and agreement, the EGRUL checks by status, the documents by type. The dashboard corrects
 *   the last two by the few inactive organizations (a partial index finds them).
 * Derived rows, not records: not in the change history (test/audit/change-history.db.test.ts lists them technical).
 */
export class DashboardFigures1795816302843 implements MigrationInterface {
  name = 'DashboardFigures1795816302843';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "letter_day_counts" ("day" date NOT NULL, "direction" varchar(10) NOT NULL, "n" bigint NOT NULL,
         CONSTRAINT "pk_letter_day_counts" PRIMARY KEY ("day", "direction"))`,
    );
    // the statement's net change per day and direction (an update that moves no letter to another day writes nothing);
    // one upsert, a decrease too (no CHECK on n: PostgreSQL checks the row proposed for insertion before it finds the
    // conflict, so a decrease would be refused); test/db/dashboard-tallies.db.test.ts compares the counts with the rows
    await queryRunner.query(
      `CREATE FUNCTION letter_day_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'TRUNCATE' THEN
             DELETE FROM letter_day_counts;
           ELSIF TG_OP = 'INSERT' THEN
             INSERT INTO letter_day_counts AS c (day, direction, n)
             SELECT our_date, direction, count(*) FROM new_letters WHERE our_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
             ON CONFLICT (day, direction) DO UPDATE SET n = c.n + EXCLUDED.n;
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE letter_day_counts c SET n = c.n - gone.n
               FROM (SELECT our_date AS day, direction, count(*) AS n FROM old_letters WHERE our_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2) gone
              WHERE c.day = gone.day AND c.direction = gone.direction;
           ELSE
             INSERT INTO letter_day_counts AS c (day, direction, n)
             SELECT day, direction, sum(n) FROM (
               SELECT our_date AS day, direction, 1 AS n FROM new_letters WHERE our_date IS NOT NULL
               UNION ALL
               SELECT our_date, direction, -1 FROM old_letters WHERE our_date IS NOT NULL
             ) changed
             GROUP BY day, direction HAVING sum(n) <> 0 ORDER BY day, direction
             ON CONFLICT (day, direction) DO UPDATE SET n = c.n + EXCLUDED.n;
           END IF;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_messages_day_count_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_letters FOR EACH STATEMENT EXECUTE FUNCTION letter_day_counts_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_messages_day_count_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_letters NEW TABLE AS new_letters FOR EACH STATEMENT EXECUTE FUNCTION letter_day_counts_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_messages_day_count_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_letters FOR EACH STATEMENT EXECUTE FUNCTION letter_day_counts_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_messages_day_count_truncate AFTER TRUNCATE ON messages FOR EACH STATEMENT EXECUTE FUNCTION letter_day_counts_track()`,
    );
    await queryRunner.query(
      `INSERT INTO letter_day_counts (day, direction, n) SELECT our_date, direction, count(*) FROM messages WHERE our_date IS NOT NULL GROUP BY 1, 2`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_messages_incoming_our_date" ON "messages" ("our_date") INCLUDE ("executor_id", "id") WHERE direction = 'incoming'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_messages_answers" ON "messages" ("parent_id", "our_date") WHERE direction = 'outgoing' AND parent_id IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "tallies" ("figure" varchar(20) NOT NULL, "key" text NOT NULL, "n" bigint NOT NULL,
         CONSTRAINT "pk_tallies" PRIMARY KEY ("figure", "key"))`,
    );
    // the trigger's arguments: the figure, the key of a row (SQL on the row's columns), which rows count (SQL)
    await queryRunner.query(
      `CREATE FUNCTION tallies_track() RETURNS trigger LANGUAGE plpgsql AS $$
         DECLARE
           counted text[] := '{}';
         BEGIN
           IF TG_OP = 'TRUNCATE' THEN
             DELETE FROM tallies WHERE figure = TG_ARGV[0];
             RETURN NULL;
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             counted := counted || format('SELECT %s AS key, 1 AS n FROM new_rows WHERE %s', TG_ARGV[1], TG_ARGV[2]);
           END IF;
           IF TG_OP IN ('DELETE', 'UPDATE') THEN
             counted := counted || format('SELECT %s AS key, -1 AS n FROM old_rows WHERE %s', TG_ARGV[1], TG_ARGV[2]);
           END IF;
           EXECUTE format(
             'INSERT INTO tallies AS t (figure, key, n) SELECT $1, key, sum(n) FROM (%s) changed GROUP BY key HAVING sum(n) <> 0 ORDER BY key '
             'ON CONFLICT (figure, key) DO UPDATE SET n = t.n + EXCLUDED.n',
             array_to_string(counted, ' UNION ALL ')
           ) USING TG_ARGV[0];
           RETURN NULL;
         END $$`,
    );
    const tallied: [table: string, figure: string, key: string, counts: string][] = [
      ['organizations', 'organizations', `coalesce(region_id::text, '') || ':' || (date_agreement IS NOT NULL)::text`, 'is_active'],
      ['egrul_checks', 'egrul', 'status', 'true'],
      ['organization_documents', 'documents', 'org_adm_doc_id::text', 'true'],
    ];
    for (const [table, figure, key, counts] of tallied) {
      const args = [figure, key, counts].map((text) => `'${text.replace(/'/g, "''")}'`).join(', ');
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_tally_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track(${args})`,
      );
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_tally_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track(${args})`,
      );
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_tally_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track(${args})`,
      );
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_tally_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION tallies_track(${args})`,
      );
      await queryRunner.query(`INSERT INTO tallies (figure, key, n) SELECT '${figure}', ${key}, count(*) FROM ${table} WHERE ${counts} GROUP BY 2`);
    }
    await queryRunner.query(`CREATE INDEX "ix_organizations_inactive" ON "organizations" ("id") WHERE NOT is_active`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_organizations_inactive"`);
    await queryRunner.query(`DROP FUNCTION tallies_track() CASCADE`);
    await queryRunner.query(`DROP TABLE "tallies"`);
    await queryRunner.query(`DROP INDEX "ix_messages_answers"`);
    await queryRunner.query(`DROP INDEX "ix_messages_incoming_our_date"`);
    await queryRunner.query(`DROP FUNCTION letter_day_counts_track() CASCADE`);
    await queryRunner.query(`DROP TABLE "letter_day_counts"`);
  }
}
