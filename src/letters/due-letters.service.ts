import type { DataSource } from 'typeorm';
import { addDays } from '../domain/letter-status.js';
import { letterTitle } from '../domain/record-titles.js';
import { organizationNamesSql } from './letter-register.js';
import { awaitingAnswerSql, executorNameSql } from './letter-status.service.js';

export interface DueLetter {
  id: number;
  title: string;
  dueDate: string;
  organizations: string | null;
  information: string;
}

/** Letters a dashboard list shows before «ещё N». */
export const DUE_TOP = 5;

/** One of the dashboard's lists: how many there are in all, and the first few, soonest first. */
export interface DueList {
  count: number;
  top: DueLetter[];
}

/**
 * The signed-in user's incoming letters without an answer: overdue, and due within 7 days (today included); each with
 * its true count and the DUE_TOP soonest (the executor's rows, one count and one page query per list).
 */
export async function dueLettersOf(dataSource: DataSource, userId: number, today: string): Promise<{ overdue: DueList; thisWeek: DueList }> {
  const due = async (range: string, bounds: string[]): Promise<DueList> => {
    const where = `m.executor_id = $1 AND ${awaitingAnswerSql('m')} AND ${range}`;
    const [rows, [{ count }]]: [(Omit<DueLetter, 'title'> & { direction: string; ourNumber: string | null; ourDate: string | null })[], [{ count: number }]] =
      await Promise.all([
        dataSource.query(
          `SELECT m.id, m.direction, m.our_number AS "ourNumber", to_char(m.our_date, 'YYYY-MM-DD') AS "ourDate",
                  to_char(m.due_date, 'YYYY-MM-DD') AS "dueDate", left(m.information, 120) AS information, ${organizationNamesSql('m')} AS organizations
             FROM messages m WHERE ${where} ORDER BY m.due_date, m.id LIMIT ${DUE_TOP}`,
          [userId, ...bounds],
        ),
        dataSource.query(`SELECT count(*)::int AS count FROM messages m WHERE ${where}`, [userId, ...bounds]),
      ]);
    return {
      count,
      top: rows.map(({ direction, ourNumber, ourDate, ...row }) => ({ ...row, title: letterTitle({ direction, ourNumber, ourDate }) ?? `Письмо ${row.id}` })),
    };
  };
  const [overdue, thisWeek] = await Promise.all([
    due('m.due_date < $2::date', [today]),
    due('m.due_date >= $2::date AND m.due_date <= $3::date', [today, addDays(today, 7)]),
  ]);
  return { overdue, thisWeek };
}

/** Overdue letters of the whole team by executor («без исполнителя» as null), most first: the lead's view. */
export async function overdueByExecutor(dataSource: DataSource, today: string): Promise<{ executorId: number | null; name: string; count: number }[]> {
  return dataSource.query(
    `SELECT m.executor_id AS "executorId", ${executorNameSql('u')} AS name, count(*)::int AS count
       FROM messages m LEFT JOIN users u ON u.id = m.executor_id
      WHERE ${awaitingAnswerSql('m')} AND m.due_date < $1::date
      GROUP BY m.executor_id, u.display_name, u.email
      ORDER BY count(*) DESC, 2`,
    [today],
  );
}
