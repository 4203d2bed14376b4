/** The benchmarks' generated registry (npm run bench, npm run bench:panel). */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from './bench-server.js';

/** Names like the register's: a legal form and one or two words, with quotes. */
const FORMS = [
  'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ',
  'АКЦИОНЕРНОЕ ОБЩЕСТВО',
  'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО',
  'ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ',
  'МУНИЦИПАЛЬНОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ',
  'ФЕДЕРАЛЬНОЕ ГОСУДАРСТВЕННОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ',
];
const SHORT = ['ООО', 'АО', 'ПАО', 'ГБУ', 'МУП', 'ФГУП'];
const WORDS = [
  'РОМАШКА',
  'ВАСИЛЁК',
  'ЛЮТИК',
  'ТЕПЛОСЕТЬ',
  'ВОДОКАНАЛ',
  'ЭНЕРГО',
  'СТРОЙ',
  'ИНВЕСТ',
  'ТЕХНО',
  'СЕРВИС',
  'АГРО',
  'ТРАНС',
  'МЕДИКА',
  'ПРОМ',
  'СВЯЗЬ',
  'ЛОГИСТИК',
  'ГАЗ',
  'НЕФТЬ',
  'ХИМ',
  'МАШ',
  'СОФТ',
  'ДАТА',
  'ЦЕНТР',
  'СЕВЕР',
  'ЮГ',
  'ВОСТОК',
  'ЗАПАД',
  'СИБИРЬ',
  'УРАЛ',
  'ВОЛГА',
  'ДОН',
  'НЕВА',
  'КАМА',
  'ОКА',
  'БАЙКАЛ',
  'АЛТАЙ',
  'ТАЙГА',
  'СТЕПЬ',
  'ПОЛЮС',
  'ГОРИЗОНТ',
  'ВЕКТОР',
  'АЛЬФА',
  'БЕТА',
  'ГАММА',
  'ДЕЛЬТА',
  'ОМЕГА',
  'ЗВЕЗДА',
  'СОКОЛ',
  'БЕРКУТ',
  'ЛЕБЕДЬ',
  'ЖУРАВЛЬ',
  'КЕДР',
  'ДУБ',
  'ЛИПА',
  'ЁЛКА',
  'БЕРЁЗА',
  'РУБИН',
  'ИЗУМРУД',
  'АЛМАЗ',
  'ГРАНИТ',
  'КРИСТАЛЛ',
  'ПРОГРЕСС',
  'РАССВЕТ',
  'ЗАРЯ',
  'ВОСХОД',
  'ИСКРА',
  'ПЛАМЯ',
  'ВОЛНА',
  'ПРИБОЙ',
  'МАЯК',
  'ПАРУС',
  'ЯКОРЬ',
  'ФАРВАТЕР',
  'ОРБИТА',
  'КОСМОС',
  'ЛУЧ',
  'СПЕКТР',
  'ИМПУЛЬС',
  'ГАРАНТ',
  'ЭКСПЕРТ',
  'КОНСАЛТ',
  'АУДИТ',
  'ФИНАНС',
  'КАПИТАЛ',
  'РЕСУРС',
  'ПОТЕНЦИАЛ',
  'ЛИДЕР',
  'ПАРТНЁР',
  'СОЮЗ',
  'ЕДИНСТВО',
  'НАДЕЖДА',
  'ВЕРА',
  'ЛЮБОВЬ',
  'МИР',
  'ДРУЖБА',
  'ОТЕЧЕСТВО',
  'РОДИНА',
  'ДОМ',
  'ГОРОД',
  'КРАЙ',
  'ОБЛАСТЬ',
  'РЕГИОН',
  'ПОРТ',
  'ТЕРМИНАЛ',
];
const TOPICS = [
  'Запрос сведений о значимых объектах КИИ',
  'О направлении документа',
  'Ответ на запрос о категорировании',
  'Уведомление о компьютерном инциденте',
  'О предоставлении контактов ответственных лиц',
  'О проведении учений',
  'Сведения о результатах категорирования',
  'О заключении соглашения о сотрудничестве',
];

const array = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
const pick = (values: string[], seed: string) => `(${array(values)})[1 + mod(abs(hashint4(${seed})), ${values.length})]`;

/**
 * Fills a migrated registry with generated but realistic data: `organizations` organizations, three letters each (one
 * in three outgoing, every other outgoing one an answer; every fifth incoming with a due date; incoming letters among
 * eight clerks), documents, resources with their industries, and 1,000 changes of organization 5. The organization
 * with id 1 has 300 letters.
 */
export async function seedRegistry(url: string, ORGANIZATIONS: number): Promise<void> {
  const LETTERS = ORGANIZATIONS * 3;
  const started = performance.now();
  const step = async (label: string, statement: string) => {
    const t = performance.now();
    await sql(url, statement);
    process.stderr.write(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };
  await step(
    'организации',
    `
    INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn, region_id, factual_address, date_agreement, is_gov, is_military, contacts, created_at, updated_at)
    SELECT f.form || ' "' || w.word1 || CASE WHEN i % 3 = 0 THEN ' ' || w.word2 ELSE '' END || '"',
           s.short || ' "' || w.word1 || CASE WHEN i % 3 = 0 THEN ' ' || w.word2 ELSE '' END || '"',
           lpad(((i::bigint * 7919) % 9000000000 + 1000000000)::text, 10, '0'),
           lpad(((i * 31) % 9000 + 1000)::text, 4, '0') || '01001',
           '1' || lpad(((i::bigint * 104729) % 900000000000 + 100000000000)::text, 12, '0'),
           r.id,
           'г. Город-' || (i % 1000) || ', ул. Улица, д. ' || (i % 200),
           CASE WHEN i % 7 = 0 THEN date '2018-01-01' + (i % 2500) END,
           i % 20 = 0, i % 50 = 0, 'Контакт ' || i,
           now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
    FROM generate_series(1, ${ORGANIZATIONS}) AS i
    CROSS JOIN LATERAL (SELECT ${pick(WORDS, 'i')} AS word1, ${pick(WORDS, 'i * 13 + 5')} AS word2) w
    CROSS JOIN LATERAL (SELECT mod(abs(hashint4(i * 3)), ${FORMS.length}) AS k) fk
    CROSS JOIN LATERAL (SELECT (${array(FORMS)})[1 + fk.k] AS form) f
    CROSS JOIN LATERAL (SELECT (${array(SHORT)})[1 + fk.k] AS short) s
    CROSS JOIN LATERAL (SELECT (SELECT array_agg(id ORDER BY id) FROM regions)[1 + mod(abs(hashint4(i * 7)), 86)] AS id) r`,
  );
  await step('виды документов', `INSERT INTO org_adm_docs (name) SELECT 'Документ вида ' || i FROM generate_series(1, 12) i`);
  await step(
    'документы',
    `
    INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved)
    SELECT o.id, t.id, date '2020-01-01' + (o.id % 1500)
    FROM organizations o CROSS JOIN (SELECT id FROM org_adm_docs ORDER BY id LIMIT 3) t
    WHERE o.id % 10 = 0 AND (t.id = 1 OR (t.id = 2 AND o.id % 20 = 0) OR (t.id = 3 AND o.id % 40 = 0))`,
  );
  await step(
    'письма',
    `
    INSERT INTO messages (direction, our_number, our_date, their_number, their_date, information, created_at, updated_at)
    SELECT CASE WHEN i % 3 = 0 THEN 'outgoing' ELSE 'incoming' END,
           (100 + i % 900) || '-' || (i % 100) || '/' || i,
           date '2019-01-01' + (i % 2500),
           CASE WHEN i % 3 = 0 THEN NULL ELSE 'ИСХ-' || i END,
           CASE WHEN i % 3 = 0 THEN NULL ELSE date '2019-01-01' + (i % 2500) - 2 END,
           ${pick(TOPICS, 'i')} || ', исполнитель ' || ${pick(WORDS, 'i * 17')},
           now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
    FROM generate_series(1, ${LETTERS}) AS i`,
  );
  // the letters register: every fifth incoming letter has an answer date; one in eight of those (5,000 at 300k letters,
  // none answered) is past and overdue, the others years ahead
  await step(
    'сроки ответа',
    `UPDATE messages SET due_date = our_date + 10 + CASE WHEN id % 8 = 0 THEN 0 ELSE 5000 END WHERE direction = 'incoming' AND id % 5 = 0`,
  );
  // the team: eight clerks (they do not log in: the hash is not one); incoming letters among them, every ninth without
  await step(
    'исполнители',
    `INSERT INTO users (email, display_name, role, password_hash)
     SELECT 'clerk' || i || '@cert.local', ${pick(['Иванова А. А.', 'Петров П. П.', 'Сидорова С. С.', 'Кузнецов К. К.', 'Смирнова Е. В.', 'Попов Д. И.', 'Волкова О. Н.', 'Соколов М. Ю.'], 'i')} || ' ' || i, 'clerk', 'не-пароль'
     FROM generate_series(1, 8) i`,
  );
  await step(
    'исполнители писем',
    `UPDATE messages SET executor_id = (SELECT array_agg(id ORDER BY id) FROM users WHERE email LIKE 'clerk%@cert.local')[1 + id % 9] WHERE direction = 'incoming'`,
  );
  // every other outgoing letter answers the incoming one before it, 0–19 days later
  await step(
    'ответы',
    `UPDATE messages o SET parent_id = i.id, our_date = i.our_date + (o.id % 20) FROM messages i
      WHERE o.direction = 'outgoing' AND o.id % 2 = 0 AND i.id = o.id - 1 AND i.direction = 'incoming'`,
  );
  // each letter to one organization, every tenth to a second; the organization with id 1 gets 300 letters
  await step(
    'связи писем',
    `
    INSERT INTO organizations_messages (message_id, organization_id)
    SELECT m.id, CASE WHEN m.id <= 300 THEN 1 ELSE 2 + mod(abs(hashint4(m.id)), ${ORGANIZATIONS - 1}) END FROM messages m
    UNION
    SELECT m.id, 2 + mod(abs(hashint4(m.id * 7)), ${ORGANIZATIONS - 1}) FROM messages m WHERE m.id % 10 = 0 AND m.id > 300`,
  );
  await step(
    'ресурсы',
    `
    INSERT INTO resources (name, is_okii, category, owner_id, fstec_reg_number, created_at, updated_at)
    SELECT 'ГИС ' || ${pick(WORDS, 'i * 5')} || ' ' || i, i % 4 = 0, CASE WHEN i % 4 = 0 THEN 1 + i % 3 END, 1 + mod(abs(hashint4(i * 11)), ${ORGANIZATIONS}),
           CASE WHEN i % 4 = 0 THEN 'КИИ-' || i END, now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
    FROM generate_series(1, ${ORGANIZATIONS / 5}) AS i`,
  );
  await step(
    'регионы ресурсов',
    `INSERT INTO resources_regions (resource_id, region_id) SELECT r.id, g.id FROM resources r JOIN regions g ON g.id = (SELECT array_agg(id ORDER BY id) FROM regions)[1 + r.id % 86]`,
  );
  await step(
    'сферы ресурсов',
    `INSERT INTO resources_industries (resource_id, industry_id)
     SELECT r.id, (SELECT array_agg(id ORDER BY id) FROM industries)[1 + r.id % (SELECT count(*) FROM industries)] FROM resources r`,
  );
  // the change history: the organization with id 5 changed 1,000 times (its «История» is measured below)
  await step(
    '1000 изменений организации 5',
    `DO $$ BEGIN FOR i IN 1..1000 LOOP UPDATE organizations SET contacts = 'Контакт, редакция ' || i WHERE id = 5; END LOOP; END $$`,
  );
  await step('ANALYZE', `VACUUM ANALYZE`);
  process.stderr.write(`Данные созданы за ${((performance.now() - started) / 1000).toFixed(0)} с\n`);
}

/** A PDF-looking scan of `bytes` bytes (random inside: it does not compress, as scans do not). */
export const benchScan = (bytes: number): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 16), Buffer.from('\n%%EOF\n')]);

/**
 * Scans of `bytes` bytes on disk under `filesDir` for `count` documents without one, as the panel stores them (path,
 * SHA-256 and size in the row). Returns how many.
 */
export async function seedScans(url: string, filesDir: string, count: number, bytes = 200 * 1024): Promise<number> {
  const documents = (
    await sql(
      url,
      `SELECT d.id, o.uuid FROM organization_documents d JOIN organizations o ON o.id = d.organization_id WHERE d.file_path IS NULL ORDER BY d.id LIMIT $1`,
      [count],
    )
  ).rows as { id: number; uuid: string }[];
  for (const document of documents) {
    const scan = benchScan(bytes);
    const relative = `${document.uuid.slice(0, 2).toUpperCase()}/${document.uuid}/${document.id}.pdf`;
    mkdirSync(path.dirname(path.join(filesDir, relative)), { recursive: true });
    writeFileSync(path.join(filesDir, relative), scan);
    await sql(url, `UPDATE organization_documents SET file_path = $2, file_sha256 = $3, file_size = $4 WHERE id = $1`, [
      document.id,
      relative,
      createHash('sha256').update(scan).digest('hex'),
      scan.length,
    ]);
  }
  return documents.length;
}
