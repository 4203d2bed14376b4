import type { DataSource } from 'typeorm';
import { Message } from '../../entities/message.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Resource } from '../../entities/resource.entity.js';
import { addDays } from '../domain/letter-status.js';
import { todayIn } from '../domain/organization.js';
import { dueLettersOf, overdueByExecutor } from '../letters/due-letters.service.js';
import { leadFigures } from './lead-figures.service.js';

/**
 * Counts for the home page, one query per section (all cheap COUNTs); the user's letters due with their true counts;
 * for an admin, the team's overdue letters by executor.
 */
export const dashboardHandler =
  (dataSource: DataSource, timeZone: string) => async (_request: unknown, _response: unknown, context: { currentAdmin?: { id?: unknown; role?: unknown } }) => {
    const userId = Number(context?.currentAdmin?.id);
    const today = todayIn(timeZone);
    const noneDue = { overdue: { count: 0, top: [] }, thisWeek: { count: 0, top: [] } };
    const lead = context?.currentAdmin?.role === 'admin';
    const [due, teamOverdue, figures, organizations, messages, resources, documents] = await Promise.all([
      Number.isInteger(userId) && userId > 0 ? dueLettersOf(dataSource, userId, today) : noneDue,
      lead ? overdueByExecutor(dataSource, today) : null,
      lead ? leadFigures(dataSource, today) : null,
      dataSource.getRepository(Organization).countBy({ isActive: true }),
      dataSource.getRepository(Message).count(),
      dataSource.getRepository(Resource).count(),
      dataSource.getRepository(OrganizationDocument).count(),
    ]);
    return {
      due,
      teamOverdue,
      figures,
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
