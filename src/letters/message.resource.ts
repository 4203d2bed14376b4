import type { After, ListActionResponse, RecordActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { adminOnlyDelete } from '../engine/admin/access.js';
import { MESSAGE_DIRECTIONS, Message } from '../../entities/message.entity.js';
import { Components } from '../engine/admin/component-loader.js';
import { letterSortExpressions, messageFilters } from './letter.filters.js';
import { addLetterStatuses, linkRefusedNumber, uniqueLetterNumber, validateMessage } from './message.hooks.js';
import { letterExport } from './letter.export.js';
import { letterBulkActions } from './letter-bulk.actions.js';
import { ANSWER_DAYS_BANDS } from './letter-status.service.js';
import { searchBy } from '../engine/admin/hooks/search.hooks.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { historySection } from '../engine/admin/history-section.js';
import { LETTER_STATUS_LABELS } from '../domain/letter-status.js';
import { letterTitle } from '../domain/record-titles.js';
import { openFormAction } from '../engine/admin/actions/open-form.action.js';
import { defineResource, type ResourceDefinition } from '../engine/admin/resource-definition.js';
import { legacyNumberOnCard, legacyNumberProperty } from '../legacy/legacy-card.js';

const DIRECTION_LABELS: Record<(typeof MESSAGE_DIRECTIONS)[number], string> = { incoming: 'Входящее', outgoing: 'Исходящее' };

/** Letters: their answer status on rows and cards, and «наш номер» unique within its direction and year. */
export const messageResource = ({ dataSource, timeZone }: { dataSource: DataSource; timeZone: string }): ResourceDefinition => {
  const statusesOnRows: After<ListActionResponse> = async (response) => {
    await addLetterStatuses(dataSource, timeZone, response.records);
    return response;
  };
  const statusOnCard: After<RecordActionResponse> = async (response) => {
    if (response.record) await addLetterStatuses(dataSource, timeZone, [response.record]);
    return response;
  };
  return defineResource({
    entity: Message,
    label: 'Письма',
    newLabel: 'Новое письмо',
    properties: {
      id: 'ID',
      legacyNumber: '№ в старой системе',
      direction: 'Тип письма',
      ourNumber: 'Наш номер',
      ourDate: 'Наша дата (регистрации / подписи)',
      theirNumber: 'Подписной № вх-го',
      theirDate: 'Дата подписи вх-го',
      information: 'О чем',
      parentId: 'Основание',
      organizations: 'Организации',
      executorId: 'Исполнитель',
      dueDate: 'Срок ответа',
      status: 'Статус ответа',
      answerDays: 'Время ответа',
      withoutExecutor: 'Без исполнителя',
      q: 'Поиск',
      children: 'Ответные письма',
      searchText: 'Текст для поиска',
      createdAt: 'Создано',
      updatedAt: 'Изменено',
      history: 'История',
    },
    countedTable: 'messages',
    // what two parallel saves of one number meet (the form's own check names the other letter with a link)
    constraintMessages: {
      ux_messages_our_number_per_year: { field: 'ourNumber', message: 'Этот номер уже есть у другого письма того же направления в этом году' },
    },
    export: letterExport(timeZone),
    virtualFilters: messageFilters,
    sortExpressions: letterSortExpressions,
    titleOf: letterTitle,
    options: {
      navigation: NAVIGATION.letters,
      titleProperty: 'ourNumber',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['direction', 'ourNumber', 'ourDate', 'organizations', 'information', 'executorId', 'dueDate', 'status'],
      filterProperties: [
        'q',
        'status',
        'answerDays',
        'direction',
        'organizations',
        'executorId',
        'withoutExecutor',
        'dueDate',
        'ourNumber',
        'ourDate',
        'theirNumber',
        'theirDate',
      ],
      editProperties: ['direction', 'organizations', 'ourNumber', 'ourDate', 'theirNumber', 'theirDate', 'executorId', 'dueDate', 'information', 'parentId'],
      showProperties: [
        'direction',
        'organizations',
        'ourNumber',
        'ourDate',
        'theirNumber',
        'theirDate',
        'executorId',
        'dueDate',
        'status',
        'information',
        'parentId',
        'children',
        'legacyNumber',
        'createdAt',
        'updatedAt',
        'history',
      ],
      properties: {
        direction: {
          isRequired: true,
          availableValues: MESSAGE_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] })),
          components: { edit: Components.LetterDirectionEdit, list: Components.LetterDirectionValue, show: Components.LetterDirectionValue },
        },
        ourNumber: {
          description: 'Наш входящий номер (для входящего) или исходящий номер (для исходящего); у нового письма подставлен следующий свободный',
          props: { placeholder: 'ВХ-15' },
          components: { list: Components.RecordLinkValue, edit: Components.LetterNumberEdit },
        },
        ourDate: { description: 'Дата регистрации входящего письма или дата подписи исходящего' },
        theirNumber: {
          description: 'Подписной номер входящего письма',
          props: { placeholder: 'ЛПУ-16' },
          components: { list: Components.CodeValue, edit: Components.IncomingOnlyEdit },
        },
        theirDate: { description: 'Дата подписи входящего письма', components: { edit: Components.IncomingOnlyEdit } },
        dueDate: { description: 'До какого дня нужно ответить (для входящего)', components: { edit: Components.IncomingOnlyEdit } },
        executorId: {
          description: 'Кто готовит ответ (для входящего) или письмо (для исходящего)',
          props: { optionsUrl: '/admin/data/letters/executors', placeholder: 'Выберите сотрудника' },
          components: { edit: Components.OptionsEdit, show: Components.ReferenceText, list: Components.ReferenceText, filter: Components.OptionsFilter },
        },
        status: {
          type: 'string',
          availableValues: Object.entries(LETTER_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          isVisible: { list: true, show: true, edit: false, filter: true },
          components: { list: Components.LetterStatusValue, show: Components.LetterStatusValue },
        },
        // virtual: a filter only (the days to the first answer, in bands)
        answerDays: {
          type: 'string',
          isSortable: false,
          availableValues: Object.entries(ANSWER_DAYS_BANDS).map(([value, band]) => ({ value, label: band.label })),
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        information: {
          isRequired: true,
          description: 'Краткое описание документа, контакты исполнителя и т.д.',
          components: { list: Components.TextPreview },
          props: { rows: 10, placeholder: 'Инициировали взаимодействие, запросили Х, прислали Y\nКонтакт - Иванов Иван Иванович, rofel@rofel.rofel' },
        },
        parentId: {
          description: 'Письмо, на которое это отвечает (поиск по номеру, теме или организации)',
          props: { optionsUrl: '/admin/data/letters/options', placeholder: 'Номер, тема или организация письма-основания' },
          components: { edit: Components.OptionsEdit },
        },
        organizations: {
          isRequired: true,
          description: 'Одна или несколько организаций (поиск по наименованию или ИНН)',
          components: {
            edit: Components.ReferenceMultiEdit,
            show: Components.ReferenceListValue,
            list: Components.ReferenceListValue,
            filter: Components.ReferenceMultiFilter,
          },
        },
        children: { type: 'string', isSortable: false, components: { show: Components.MessageThread } },
        history: historySection('messages'),
        legacyNumber: legacyNumberProperty(),
        q: {
          description: 'Номер письма целиком (наш или отправителя; регистр, пробелы и дефисы не важны), слова текста, наименование или ИНН организации',
          props: { placeholder: 'ВХ-15, 161-10-11/22, о направлении или ромашка' },
        },
      },
      actions: {
        ...adminOnlyDelete,
        list: { after: [statusesOnRows] },
        show: { after: [statusOnCard, legacyNumberOnCard<RecordActionResponse>(dataSource, 'messages')] },
        new: { before: [validateMessage, uniqueLetterNumber(dataSource)], after: [linkRefusedNumber(dataSource)] },
        edit: { before: [validateMessage, uniqueLetterNumber(dataSource)], after: [linkRefusedNumber(dataSource)] },
        search: { before: [searchBy('q')] },
        // a new outgoing letter answering this one: «Основание» and the organizations filled in
        reply: openFormAction('CornerUpLeft', replyUrl),
        ...letterBulkActions(dataSource),
      },
    },
  });
};

/** The address of the new-letter form answering `letter`: outgoing, «Основание» it, its organizations. */
export function replyUrl(letter: Record<string, unknown>): string {
  const query = new URLSearchParams({ direction: 'outgoing', parentId: String(letter.id) });
  const organizations = Object.entries(letter)
    .filter(([key]) => /^organizations\.\d+$/.test(key))
    .map(([, id]) => String(id));
  organizations.forEach((id, index) => query.append(`organizations[${index}]`, id));
  return `/admin/resources/Message/actions/new?${query}`;
}
