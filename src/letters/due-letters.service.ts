import type { DataSource } from 'typeorm';
import { addDays } from '../domain/letter-status.js';
import { letterTitle } from '../domain/record-titles.js';
import { organizationNamesSql } from './letter-register.js';
import { answeredSql } from './letter.filters.js';

export interface DueLetter {
  id: number;
  title: string;
  dueDate: string;
  organizations: string | null;
  information: string;
}

/**
 * The signed-in user's incoming letters without an answer that are overdue, and those due within 7 days, soonest
 * first, at most 50 of each (each list from the executor's index).
 */
export async function dueLettersOf(dataSource: DataSource, userId: number, today: string): Promise<{ overdue: DueLetter[]; thisWeek: DueLetter[] }> {
  const due = async (range: string, bounds: string[]): Promise<DueLetter[]> => {
    const rows: (Omit<DueLetter, 'title'> & { direction: string; ourNumber: string | null; ourDate: string | null })[] = await dataSource.query(
      `SELECT m.id, m.direction, m.our_number AS "ourNumber", to_char(m.our_date, 'YYYY-MM-DD') AS "ourDate",
              to_char(m.due_date, 'YYYY-MM-DD') AS "dueDate", left(m.information, 120) AS information, ${organizationNamesSql('m')} AS organizations
         FROM messages m
        WHERE m.executor_id = $1 AND m.direction = 'incoming' AND ${range} AND NOT ${answeredSql('m')}
        ORDER BY m.due_date, m.id LIMIT 50`,
      [userId, ...bounds],
    );
    return rows.map(({ direction, ourNumber, ourDate, ...row }) => ({ ...row, title: letterTitle({ direction, ourNumber, ourDate }) ?? `Письмо ${row.id}` }));
  };
  const [overdue, thisWeek] = await Promise.all([
    due('m.due_date < $2::date', [today]),
    due('m.due_date >= $2::date AND m.due_date <= $3::date', [today, addDays(today, 7)]),
  ]);
  return { overdue, thisWeek };
}
