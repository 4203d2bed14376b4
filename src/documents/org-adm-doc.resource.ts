import { OrgAdmDoc } from '../../entities/org-adm-doc.entity.js';
import { adminOnlyWrites } from '../engine/admin/access.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { defineResource } from '../engine/admin/resource-definition.js';

export const orgAdmDocResource = defineResource({
  entity: OrgAdmDoc,
  label: 'Виды документов',
  newLabel: 'Новый вид документа',
  properties: { id: 'ID', name: 'Название вида документа', createdAt: 'Создано', updatedAt: 'Изменено' },
  options: {
    navigation: NAVIGATION.organizations,
    titleProperty: 'name',
    sort: { sortBy: 'name', direction: 'asc' },
    listProperties: ['name'],
    editProperties: ['name'],
    properties: { name: { isRequired: true } },
    actions: { ...adminOnlyWrites },
  },
});
