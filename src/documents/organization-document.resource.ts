import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Components } from '../engine/admin/component-loader.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { historySection } from '../engine/admin/history-section.js';
import { documentSearch } from './document.filters.js';
import { defineResource, type ResourceDefinition } from '../engine/admin/resource-definition.js';
import { deleteDocumentAction, type DocumentActionDependencies } from './documents.actions.js';

/** Organizations' documents: attached on the organization («Прикрепить документ»), deleted here by admins with their scans. */
export const organizationDocumentResource = (documents: DocumentActionDependencies): ResourceDefinition =>
  defineResource({
    entity: OrganizationDocument,
    label: 'Документы организаций',
    newLabel: 'Новый документ организации',
    properties: {
      id: 'ID',
      organizationId: 'Организация',
      orgAdmDocId: 'Вид документа',
      dateApproved: 'Дата утверждения',
      props: 'Реквизиты',
      comment: 'Комментарий',
      filePath: 'Скан',
      fileSize: 'Размер файла',
      fileSha256: 'SHA-256',
      createdAt: 'Создано',
      updatedAt: 'Изменено',
      history: 'История',
      q: 'Поиск',
    },
    virtualFilters: [documentSearch],
    options: {
      navigation: NAVIGATION.organizations,
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['organizationId', 'orgAdmDocId', 'dateApproved', 'props', 'comment', 'filePath'],
      filterProperties: ['q', 'organizationId', 'orgAdmDocId', 'dateApproved'],
      showProperties: ['organizationId', 'orgAdmDocId', 'dateApproved', 'props', 'comment', 'filePath', 'fileSize', 'createdAt', 'updatedAt', 'history'],
      properties: {
        history: historySection('organization_documents'),
        q: { description: 'Наименование или ИНН организации, вид документа, реквизиты', props: { placeholder: 'ромашка, 7707 или положение' } },
        filePath: { isSortable: false, components: { list: Components.ScanLink, show: Components.ScanLink } },
      },
      // documents are attached (and replaced) with "Прикрепить документ" on the organization, which keeps
      // the scan and the letter consistent; deleting (admins) removes the scan as well
      actions: {
        new: { isAccessible: false },
        edit: { isAccessible: false },
        bulkDelete: { isAccessible: false },
        delete: deleteDocumentAction(documents),
      },
    },
  });
