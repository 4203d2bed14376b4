import { OrganizationDocument } from '../../../entities/organization-document.entity.js';
import { NAVIGATION } from '../navigation.js';
import { defineResource } from './resource-definition.js';

export const organizationDocumentResource = defineResource({
  entity: OrganizationDocument,
  label: 'Документы организаций',
  properties: {
    id: 'ID',
    organizationId: 'Организация',
    orgAdmDocId: 'Вид документа',
    dateApproved: 'Дата утверждения',
    props: 'Реквизиты',
    comment: 'Комментарий',
    filePath: 'Файл',
    fileSize: 'Размер файла',
    fileSha256: 'SHA-256',
    createdAt: 'Создано',
    updatedAt: 'Изменено',
  },
  options: {
    navigation: NAVIGATION.organizations,
    listProperties: ['organizationId', 'orgAdmDocId', 'dateApproved', 'props', 'comment'],
    editProperties: ['organizationId', 'orgAdmDocId', 'dateApproved', 'props', 'comment'],
    showProperties: ['organizationId', 'orgAdmDocId', 'dateApproved', 'props', 'comment', 'fileSize', 'createdAt', 'updatedAt'],
    properties: {
      organizationId: { isRequired: true, props: { placeholder: 'Выберите организацию' } },
      orgAdmDocId: { isRequired: true, props: { placeholder: 'Выберите вид документа' } },
    },
  },
});
