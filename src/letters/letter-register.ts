import type { DataSource, EntityManager } from 'typeorm';
import { nextRegistrationNumber } from '../domain/registration-number.js';
import { registrationNumberKey, wordsStartIn } from '../domain/search-text.js';
import { messageSearch } from './letter.filters.js';
import { ruDate } from '../domain/form-values.js';

/**
 * The letters register's lookups (issue 15): the next free «наш номер», a duplicate number, the «Основание» options,
 * the executors. Each is one query.
 */
export type Direction = 'incoming' | 'outgoing';

const yearRange = (year: number) => [`${year}-01-01`, `${year + 1}-01-01`];

/** The next number of `direction` in the year of `date` from the pattern (numbers of that year and direction). */
export async function suggestNumber(dataSource: DataSource, pattern: string, direction: Direction, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const rows: { number: string }[] = await dataSource.query(
    `SELECT our_number AS number FROM messages WHERE direction = $1 AND our_date >= $2 AND our_date < $3 AND our_number IS NOT NULL`,
    [direction, ...yearRange(year)],
  );
  return nextRegistrationNumber(
    pattern,
    year,
    rows.map((row) => row.number),
  );
}

export interface DuplicateLetter {
  id: number;
  ourNumber: string;
  ourDate: string;
}

/** Another letter of the same direction and year with the same «наш номер» (case, spaces, punctuation ignored). */
export async function findDuplicateNumber(
  manager: EntityManager | DataSource,
  letter: { direction: Direction; ourNumber: string | null; ourDate: string | null; ownId: number | null },
): Promise<DuplicateLetter | null> {
  if (!letter.ourNumber || !letter.ourDate) return null;
  const key = registrationNumberKey(letter.ourNumber);
  if (key === '') return null;
  const [row] = (await manager.query(
    `SELECT id, our_number AS "ourNumber", to_char(our_date, 'YYYY-MM-DD') AS "ourDate" FROM messages
      WHERE registration_number_key(our_number) = $1 AND direction = $2 AND our_date >= $3 AND our_date < $4 AND ($5::int IS NULL OR id <> $5)
      ORDER BY id LIMIT 1`,
    [key, letter.direction, ...yearRange(Number(letter.ourDate.slice(0, 4))), letter.ownId],
  )) as DuplicateLetter[];
  return row ?? null;
}

export interface LetterOption {
  value: number;
  label: string;
}

const SUBJECT_CHARS = 60;

/** «№ ВХ-15 · 01.12.2026 · ПАО Сбербанк · Запрос сведений о…». */
export function letterOptionLabel(row: { ourNumber: string | null; ourDate: string | null; organizations: string | null; information: string }): string {
  const subject = row.information.replace(/\s+/g, ' ').trim();
  return [
    row.ourNumber ? `№ ${row.ourNumber}` : 'без номера',
    row.ourDate ? ruDate(row.ourDate) : null,
    row.organizations,
    subject.length > SUBJECT_CHARS ? `${subject.slice(0, SUBJECT_CHARS)}…` : subject,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** SQL: the names of the letter `alias`'s organizations, short ones where there are, in one line. */
export const organizationNamesSql = (alias: string) =>
  `(SELECT string_agg(coalesce(o.short_name, o.full_name), ', ' ORDER BY o.id) FROM organizations_messages om
      JOIN organizations o ON o.id = om.organization_id WHERE om.message_id = ${alias}.id)`;

/**
 * Letters for the «Основание» select, newest first: those the letters list's search box finds for `q` (a whole
 * number, words of the letter or its organizations), or the ids given.
 */
export async function letterOptions(dataSource: DataSource, query: { q?: string; ids?: number[] }, timeZone: string): Promise<LetterOption[]> {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = query.ids?.length ? `"e".id = ANY(${bind(query.ids)})` : query.q?.trim() ? messageSearch.where(query.q.trim(), bind, { timeZone }) : null;
  const rows: { id: number; ourNumber: string | null; ourDate: string | null; organizations: string | null; information: string }[] = await dataSource.query(
    `SELECT "e".id, "e".our_number AS "ourNumber", to_char("e".our_date, 'YYYY-MM-DD') AS "ourDate", "e".information,
            ${organizationNamesSql('"e"')} AS organizations
       FROM messages "e" ${where ? `WHERE ${where}` : ''}
      ORDER BY "e".created_at DESC, "e".id DESC LIMIT 20`,
    params,
  );
  return rows.map((row) => ({ value: row.id, label: letterOptionLabel(row) }));
}

/**
 * Active users who may be a letter's executor, by name; with `q`, only those whose name or email has words starting
 * with every word typed (the picker shows what it is given: a list that ignored `q` let Enter pick the first of all).
 * `ids`: those users (a picked executor's name for the form), active or not.
 */
export async function executors(dataSource: DataSource, query: { q?: string; ids?: number[] } = {}): Promise<LetterOption[]> {
  const rows: { id: number; name: string; email: string }[] = await dataSource.query(
    `SELECT id, coalesce(nullif(display_name, ''), email) AS name, email FROM users
      WHERE ${query.ids?.length ? 'id = ANY($1)' : 'is_active'} ORDER BY 2, id LIMIT 500`,
    query.ids?.length ? [query.ids] : [],
  );
  const q = query.q?.trim() ?? '';
  return rows
    .filter((row) => q === '' || wordsStartIn(`${row.name} ${row.email}`, q))
    .slice(0, 50)
    .map((row) => ({ value: row.id, label: row.name }));
}
