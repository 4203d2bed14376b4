import { adminOnlyDelete } from '../engine/admin/access.js';
import { Responsibility } from '../../entities/responsibility.entity.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { historySection } from '../engine/admin/history-section.js';
import { defineResource } from '../engine/admin/resource-definition.js';

export const responsibilityResource = defineResource({
  entity: Responsibility,
  label: 'Аутсорсинг',
  newLabel: 'Новая запись аутсорсинга',
  properties: {
    id: 'ID',
    organizationId: 'Организация-исполнитель',
    resourceId: 'Ресурс',
    dateStart: 'Дата начала',
    dateEnd: 'Дата окончания',
    props: 'Реквизиты договора',
    comment: 'Комментарий',
    createdAt: 'Создано',
    updatedAt: 'Изменено',
    history: 'История',
  },
  options: {
    navigation: NAVIGATION.resources,
    listProperties: ['organizationId', 'resourceId', 'dateStart', 'dateEnd', 'props'],
    editProperties: ['organizationId', 'resourceId', 'dateStart', 'dateEnd', 'props', 'comment'],
    properties: {
      history: historySection('responsibilities'),
      organizationId: { isRequired: true, description: 'Кто оказывает услуги по защите информации', props: { placeholder: 'Выберите организацию' } },
      resourceId: { isRequired: true, props: { placeholder: 'Выберите ресурс' } },
      dateStart: { isRequired: true },
    },
    actions: { ...adminOnlyDelete },
  },
});
