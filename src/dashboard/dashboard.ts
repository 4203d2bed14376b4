import type { DataSource } from 'typeorm';
import { Message } from '../../entities/message.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Resource } from '../../entities/resource.entity.js';
import { todayIn } from '../domain/organization.js';
import { dueLettersOf } from '../letters/due-letters.service.js';

/** Counts for the home page, one query per section (all cheap COUNTs), and the user's letters due. */
export const dashboardHandler =
  (dataSource: DataSource, timeZone: string) => async (_request: unknown, _response: unknown, context: { currentAdmin?: { id?: unknown } }) => {
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
