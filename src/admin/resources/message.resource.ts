import { adminOnlyDelete } from '../access.js';
import { MESSAGE_DIRECTIONS, Message } from '../../../entities/message.entity.js';
import { Components } from '../component-loader.js';
import { messageFilters } from '../filters/registry-filters.js';
import { validateMessage } from '../hooks/message.hooks.js';
import { searchBy } from '../hooks/search.hooks.js';
import { NAVIGATION } from '../navigation.js';
import { historySection } from '../history-section.js';
import { defineResource } from './resource-definition.js';

const DIRECTION_LABELS: Record<(typeof MESSAGE_DIRECTIONS)[number], string> = { incoming: 'Входящее', outgoing: 'Исходящее' };

export const messageResource = defineResource({
  entity: Message,
  label: 'Письма',
  properties: {
    id: 'ID',
    direction: 'Тип письма',
    ourNumber: 'Наш номер',
    ourDate: 'Наша дата (регистрации / подписи)',
    theirNumber: 'Подписной № вх-го',
    theirDate: 'Дата подписи вх-го',
    information: 'О чем',
    parentId: 'Основание',
    organizations: 'Организации',
    q: 'Поиск',
    children: 'Ответные письма',
    searchText: 'Текст для поиска',
    createdAt: 'Создано',
    updatedAt: 'Изменено',
    history: 'История',
  },
  countedTable: 'messages',
  virtualFilters: messageFilters,
  options: {
    navigation: NAVIGATION.letters,
    titleProperty: 'ourNumber',
    sort: { sortBy: 'createdAt', direction: 'desc' },
    listProperties: ['direction', 'ourNumber', 'ourDate', 'theirNumber', 'theirDate', 'information'],
    filterProperties: ['q', 'direction', 'organizations', 'ourNumber', 'ourDate', 'theirNumber', 'theirDate'],
    editProperties: ['direction', 'organizations', 'ourNumber', 'ourDate', 'theirNumber', 'theirDate', 'information', 'parentId'],
    showProperties: ['direction', 'organizations', 'ourNumber', 'ourDate', 'theirNumber', 'theirDate', 'information', 'parentId', 'children', 'createdAt', 'updatedAt', 'history'],
    properties: {
      direction: {
        isRequired: true,
        availableValues: MESSAGE_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] })),
      },
      ourNumber: {
        description: 'Наш входящий номер (для входящего) или исходящий номер (для исходящего)',
        props: { placeholder: '161-10-11/22' },
        components: { list: Components.CodeValue },
      },
      ourDate: { description: 'Дата регистрации входящего письма или дата подписи исходящего' },
      theirNumber: { description: 'Подписной номер входящего письма', props: { placeholder: 'ЛПУ-16' }, components: { list: Components.CodeValue } },
      theirDate: { description: 'Дата подписи входящего письма' },
      information: {
        isRequired: true,
        description: 'Краткое описание документа, контакты исполнителя и т.д.',
        components: { list: Components.TextPreview },
        props: { rows: 10, placeholder: 'Инициировали взаимодействие, запросили Х, прислали Y\nКонтакт - Иванов Иван Иванович, rofel@rofel.rofel' },
      },
      parentId: { props: { placeholder: 'Выберите письмо-основание' } },
      organizations: {
        isRequired: true,
        description: 'Одна или несколько организаций (поиск по наименованию или ИНН)',
        components: { edit: Components.ReferenceMultiEdit, show: Components.ReferenceListValue, list: Components.ReferenceListValue, filter: Components.ReferenceMultiFilter },
      },
      children: { type: 'string', isSortable: false, components: { show: Components.MessageThread } },
      history: historySection('messages'),
      q: { description: 'Любой номер (наш или отправителя) и слова текста', props: { placeholder: '161-10 или о направлении' } },
    },
    actions: {
      ...adminOnlyDelete,
      new: { before: [validateMessage] },
      edit: { before: [validateMessage] },
      search: { before: [searchBy('q')] },
    },
  },
});
