import type { DataSource } from 'typeorm';
import { Message } from '../../entities/message.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Resource } from '../../entities/resource.entity.js';

/** Counts for the home page, one query per section (all cheap COUNTs). */
export const dashboardHandler = (dataSource: DataSource) => async () => {
  const [organizations, messages, resources, documents] = await Promise.all([
    dataSource.getRepository(Organization).countBy({ isActive: true }),
    dataSource.getRepository(Message).count(),
    dataSource.getRepository(Resource).count(),
    dataSource.getRepository(OrganizationDocument).count(),
  ]);
  return {
    sections: [
      { resourceId: 'Organization', label: 'Организации', count: organizations, hint: 'действующих организаций' },
      { resourceId: 'Message', label: 'Письма', count: messages, hint: 'входящих и исходящих писем' },
      { resourceId: 'Resource', label: 'Информационные ресурсы', count: resources, hint: 'ресурсов, включая объекты КИИ' },
      { resourceId: 'OrganizationDocument', label: 'Документы организаций', count: documents, hint: 'организационно-распорядительных документов' },
    ],
  };
};
