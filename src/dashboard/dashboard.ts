import type { DataSource } from 'typeorm';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { addDays } from '../domain/letter-status.js';
import { todayIn } from '../domain/organization.js';
import { dueLettersOf, overdueByExecutor } from '../letters/due-letters.service.js';
import { leadFigures } from './lead-figures.service.js';
import { PeriodError, periodOf, type Period } from './period.js';

/** The period and the document type the address asks for; a wrong period is said and the default taken. */
export function dashboardQuery(query: Record<string, unknown>, today: string): { period: Period; periodError: string | null; documentTypeId: number | null } {
  let period: Period;
  let periodError: string | null = null;
  try {
    period = periodOf(query, today);
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    periodError = error.message;
    period = periodOf({}, today);
  }
  const type = typeof query.documentType === 'string' && /^[1-9]\d{0,8}$/.test(query.documentType) ? Number(query.documentType) : null;
  return { period, periodError, documentTypeId: type };
}

/**
 * Counts for the home page, one query per section (all cheap COUNTs); the user's letters due with their true counts;
 * for an admin, the team's overdue letters by executor and the lead's figures over the period in the address.
 */
export const dashboardHandler =
  (dataSource: DataSource, timeZone: string) =>
  async (request: { query?: Record<string, unknown> } | undefined, _response: unknown, context: { currentAdmin?: { id?: unknown; role?: unknown } }) => {
    const userId = Number(context?.currentAdmin?.id);
    const today = todayIn(timeZone);
    const { period, periodError, documentTypeId } = dashboardQuery(request?.query ?? {}, today);
    const noneDue = { overdue: { count: 0, top: [] }, thisWeek: { count: 0, top: [] } };
    const lead = context?.currentAdmin?.role === 'admin';
    const [due, teamOverdue, figures, activeOrganizations, counted, documents] = await Promise.all([
      Number.isInteger(userId) && userId > 0 ? dueLettersOf(dataSource, userId, today) : noneDue,
      lead ? overdueByExecutor(dataSource, today) : null,
      lead ? leadFigures(dataSource, period, documentTypeId) : null,
      // the lead's figures count the active organizations in their one pass; a clerk's page counts them here
      lead ? null : dataSource.getRepository(Organization).countBy({ isActive: true }),
      // exact counts kept by triggers (migration RegistrySearch): letters and resources not counted row by row
      dataSource.query(`SELECT table_name AS "table", n::int AS n FROM row_counts WHERE table_name IN ('messages', 'resources')`) as Promise<
        { table: string; n: number }[]
      >,
      dataSource.getRepository(OrganizationDocument).count(),
    ]);
    const organizations = figures?.activeOrganizations ?? activeOrganizations ?? 0;
    const messages = counted.find((row) => row.table === 'messages')?.n ?? 0;
    const resources = counted.find((row) => row.table === 'resources')?.n ?? 0;
    return {
      due,
      teamOverdue,
      figures,
      periodError,
      today,
      weekEnd: addDays(today, 7),
      sections: [
        { resourceId: 'Organization', label: 'Организации', count: organizations, hint: 'действующих организаций' },
        { resourceId: 'Message', label: 'Письма', count: messages, hint: 'входящих и исходящих писем' },
        { resourceId: 'Resource', label: 'Информационные ресурсы', count: resources, hint: 'ресурсов, включая объекты КИИ' },
        { resourceId: 'OrganizationDocument', label: 'Документы организаций', count: documents, hint: 'организационно-распорядительных документов' },
      ],
    };
  };
