import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whole legal-form phrases, longest first (after registry_search_text: lower case, ё → е, punctuation → spaces). */
const LEGAL_FORM_PHRASES = [
  'федеральное государственное бюджетное образовательное учреждение высшего образования',
  'федеральное государственное автономное образовательное учреждение высшего образования',
  'федеральное государственное бюджетное образовательное учреждение',
  'федеральное государственное автономное образовательное учреждение',
  'федеральное государственное унитарное предприятие',
  'федеральное государственное бюджетное учреждение',
  'федеральное государственное автономное учреждение',
  'федеральное государственное казенное учреждение',
  'государственное бюджетное образовательное учреждение',
  'муниципальное бюджетное образовательное учреждение',
  'государственное унитарное предприятие',
  'муниципальное унитарное предприятие',
  'государственное бюджетное учреждение',
  'государственное автономное учреждение',
  'государственное казенное учреждение',
  'муниципальное бюджетное учреждение',
  'муниципальное автономное учреждение',
  'муниципальное казенное учреждение',
  'федеральное казенное учреждение',
  'общество с ограниченной ответственностью',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'закрытое акционерное общество',
  'открытое акционерное общество',
  'акционерное общество',
  'автономная некоммерческая организация',
  'некоммерческое партнерство',
  'индивидуальный предприниматель',
];
/** Abbreviated legal forms, as whole words. */
const LEGAL_FORM_WORDS = [
  'ооо',
  'ао',
  'пао',
  'нао',
  'зао',
  'оао',
  'фгуп',
  'гуп',
  'муп',
  'фгбу',
  'фгау',
  'фгку',
  'фку',
  'гбу',
  'гау',
  'гку',
  'мбу',
  'мау',
  'мку',
  'фгбоу',
  'фгаоу',
  'гбоу',
  'мбоу',
  'во',
  'ано',
  'нп',
  'ип',
];

const AUDIT_QUIET = `ARRAY['search_text'] ELSE ARRAY['search_text', `;
const AUDIT_QUIET_WITH_NAME_KEY = `ARRAY['search_text', 'name_key'] ELSE ARRAY['search_text', 'name_key', `;

async function replaceInAuditRow(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const definition: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef('audit_row'::regproc) AS def`);
  const original = definition[0]!.def;
  if (!original.includes(from)) throw new Error('audit_row: unexpected definition');
  await queryRunner.query(original.replace(from, to));
}

/**
 * «Возможные дубли» (issue 26):
 * - `organizations.name_key`: the full name without its legal form, case, ё and punctuation («ООО "Ромашка"» and
 *   «ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»» are both `ромашка`), kept by the search-text trigger (not indexed: the list
 *   reads every active card once, src/duplicates/possible-duplicates.service.ts);
 * - `duplicate_dismissals`: pairs an admin marked «не дубль» (who, when), recorded in both cards' history.
 */
export class PossibleDuplicates1795816302845 implements MigrationInterface {
  name = 'PossibleDuplicates1795816302845';

  async up(queryRunner: QueryRunner): Promise<void> {
    const phrases = LEGAL_FORM_PHRASES.map((p) => `'${p}'`).join(', ');
    const words = LEGAL_FORM_WORDS.map((w) => `'${w}'`).join(', ');
    await queryRunner.query(`
      CREATE FUNCTION organization_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT nullif(string_agg(word, ' ' ORDER BY n), '')
          FROM unnest(string_to_array(
                 (SELECT regexp_replace(registry_search_text(name, NULL), '(^| )(' || array_to_string(ARRAY[${phrases}], '|') || ')( |$)', ' ', 'g')),
                 ' ')) WITH ORDINALITY AS t(word, n)
         WHERE word <> '' AND word <> ALL (ARRAY[${words}])
      $$`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "name_key" text`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION organizations_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.search_text := registry_search_text(
            concat_ws(' ', NEW.full_name, NEW.short_name),
            concat_ws(' ', NEW.factual_address, (SELECT r.name FROM regions r WHERE r.id = NEW.region_id)));
          NEW.name_key := organization_name_key(NEW.full_name);
          RETURN NEW;
        END $$`);
    // the history does not show the key (as it does not show search_text)
    await replaceInAuditRow(queryRunner, AUDIT_QUIET, AUDIT_QUIET_WITH_NAME_KEY);
    // filled without the row triggers: not a change anybody made (no history, no new version, no letters' words)
    await queryRunner.query(`ALTER TABLE "organizations" DISABLE TRIGGER USER`);
    await queryRunner.query(`UPDATE "organizations" SET name_key = organization_name_key(full_name)`);
    await queryRunner.query(`ALTER TABLE "organizations" ENABLE TRIGGER USER`);
    await queryRunner.query(`
      CREATE TABLE "duplicate_dismissals" (
        "organization_id" integer NOT NULL,
        "other_id" integer NOT NULL,
        "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "dismissed_by" integer,
        CONSTRAINT "pk_duplicate_dismissals" PRIMARY KEY ("organization_id", "other_id"),
        CONSTRAINT "ck_duplicate_dismissals_ordered" CHECK (organization_id < other_id),
        CONSTRAINT "fk_duplicate_dismissals_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_duplicate_dismissals_other" FOREIGN KEY ("other_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_duplicate_dismissals_user" FOREIGN KEY ("dismissed_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "ix_duplicate_dismissals_other_id" ON "duplicate_dismissals" ("other_id")`);
    await queryRunner.query(
      `CREATE TRIGGER tr_duplicate_dismissals_audit AFTER INSERT OR UPDATE OR DELETE ON "duplicate_dismissals" FOR EACH ROW EXECUTE FUNCTION audit_row('organization_id,other_id', 'organizations:organization_id', 'organizations:other_id')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "duplicate_dismissals"`);
    await replaceInAuditRow(queryRunner, AUDIT_QUIET_WITH_NAME_KEY, AUDIT_QUIET);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION organizations_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           NEW.search_text := registry_search_text(
             concat_ws(' ', NEW.full_name, NEW.short_name),
             concat_ws(' ', NEW.factual_address, (SELECT r.name FROM regions r WHERE r.id = NEW.region_id)));
           RETURN NEW;
         END $$`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "name_key"`);
    await queryRunner.query(`DROP FUNCTION organization_name_key(text)`);
  }
}
