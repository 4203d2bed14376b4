import type { DataSource } from 'typeorm';
import { Message } from '../../entities/message.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Resource } from '../../entities/resource.entity.js';
import { addDays } from '../domain/letter-status.js';
import { todayIn } from '../domain/organization.js';
import { letterTitle } from '../domain/record-titles.js';
import { organizationNamesSql } from '../letters/letter-register.js';
import { answeredSql } from '../engine/admin/registry-filters.js';

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

/** Counts for the home page, one query per section (all cheap COUNTs), and the user's letters due. */
export const dashboardHandler = (dataSource: DataSource, timeZone: string) => async (_request: unknown, _response: unknown, context: { currentAdmin?: { id?: unknown } }) => {
  const userId = Number(context?.currentAdmin?.id);
  const noneDue = { overdue: [], thisWeek: [] };
  const [due, organizations, messages, resources, documents] = await Promise.all([
    Number.isInteger(userId) && userId > 0 ? dueLettersOf(dataSource, userId, todayIn(timeZone)) : noneDue,
    dataSource.getRepository(Organization).countBy({ isActive: true }),
    dataSource.getRepository(Message).count(),
    dataSource.getRepository(Resource).count(),
    dataSource.getRepository(OrganizationDocument).count(),
  ]);
  return {
    due,
    sections: [
      { resourceId: 'Organization', label: 'Организации', count: organizations, hint: 'действующих организаций' },
      { resourceId: 'Message', label: 'Письма', count: messages, hint: 'входящих и исходящих писем' },
      { resourceId: 'Resource', label: 'Информационные ресурсы', count: resources, hint: 'ресурсов, включая объекты КИИ' },
      { resourceId: 'OrganizationDocument', label: 'Документы организаций', count: documents, hint: 'организационно-распорядительных документов' },
    ],
  };
};
