import type { After, ListActionResponse, RecordActionResponse, ResourceOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { lastCheckStatuses } from '../egrul/egrul-check.service.js';
import { editContactsAction } from './contacts.action.js';
import { organizationExport } from './organization.export.js';
import { noDelete } from '../engine/admin/access.js';
import { EGRUL_FILTER_VALUES, organizationFilters } from './organization.filters.js';
import { searchBy } from '../engine/admin/hooks/search.hooks.js';
import { Components } from '../engine/admin/component-loader.js';
import { validateOrganization, fillRegionFromPostalCode } from './organization.hooks.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { cardFieldsets, fieldsets } from '../engine/admin/layout.js';
import { historySection } from '../engine/admin/history-section.js';
import { organizationTitle } from '../domain/record-titles.js';
import { openFormAction } from '../engine/admin/actions/open-form.action.js';
import { defineResource, type ResourceDefinition } from '../engine/admin/resource-definition.js';
import { legacyNumberOnCard, legacyNumberProperty } from '../legacy/legacy-card.js';

/** The original's five fieldsets of the form (original-app.md §5.1.3). */
const FORM_LAYOUT = fieldsets([
  ['Основные реквизиты организации', ['fullName', 'shortName', 'inn', 'kpp', 'ogrn'], ['requisitesCheck']],
  ['Адресная информация', ['factualAddress', 'regionId']],
  ['Контактные данные', ['bossPosition', 'bossFio', 'contacts']],
  ['Соглашение о сотрудничестве', ['dateAgreement', 'agreementUnit']],
  ['Характеристики организации', ['isGov', 'isMilitary']],
]);

/** The card: its section bar, the original's groups (details page, §5.1.2) two to a row, then its lists. */
const CARD_LAYOUT = cardFieldsets(
  [
    ['Основные реквизиты организации', ['fullName', 'shortName', 'inn', 'kpp', 'ogrn'], ['requisitesCheck']],
    ['Адресная информация', ['factualAddress', 'regionId']],
    ['Руководство', ['bossPosition', 'bossFio']],
    ['Контактные лица', ['contacts']],
    ['Соглашение о сотрудничестве', ['dateAgreement', 'agreementUnit']],
    ['Характеристики', ['isGov', 'isMilitary', 'isActive']],
    ['Техническая информация', ['uuid', 'legacyNumber', 'createdAt', 'updatedAt']],
  ],
  ['identity', 'sections'],
  // the EGRUL check under the requisites, the card's full width: its table of differences needs it
  ['egrulStatus', 'units', 'documents', 'letters', 'ownResources', 'outsourcing', 'history'],
);

/**
 * Organizations. `actions` are what other features add to the list and the card (the EGRUL import, the bulk import,
 * «Прикрепить документ»): the composition (src/app/panel-resources.ts) passes them in.
 */
export const organizationResource = ({ dataSource, actions }: { dataSource: DataSource; actions: ResourceOptions['actions'] }): ResourceDefinition => {
  /** The rows' «ЕГРЮЛ» column: each one's last check against EGRUL (one query for the page). */
  /** The card's identity line: its last check against EGRUL. */
  const egrulStatusOnCard: After<RecordActionResponse> = async (response) => {
    if (!response.record) return response;
    const statuses = await lastCheckStatuses(dataSource, [Number(response.record.params.id)]);
    response.record.params.egrulStatus = statuses.get(Number(response.record.params.id)) ?? '';
    return response;
  };
  const egrulStatuses: After<ListActionResponse> = async (response) => {
    const statuses = await lastCheckStatuses(
      dataSource,
      response.records.map((record) => Number(record.params.id)),
    );
    for (const record of response.records) record.params.egrulStatus = statuses.get(Number(record.params.id)) ?? '';
    return response;
  };
  return defineResource({
    entity: Organization,
    label: 'Организации',
    newLabel: 'Новая организация',
    export: organizationExport,
    properties: {
      id: 'ID',
      name: 'Наименование',
      legacyNumber: '№ в старой системе',
      fullName: 'Полное наименование',
      shortName: 'Сокращенное наименование',
      inn: 'ИНН',
      kpp: 'КПП',
      ogrn: 'ОГРН',
      requisitesCheck: 'Проверка реквизитов',
      factualAddress: 'Адрес местонахождения',
      regionId: 'Регион',
      bossPosition: 'Должность руководителя',
      bossFio: 'ФИО руководителя',
      contacts: 'Контакты',
      dateAgreement: 'Дата подписания соглашения',
      agreementUnit: 'Главное подразделение',
      isGov: 'ГОВ',
      isMilitary: 'ВОЕН',
      isActive: 'Действующая',
      uuid: 'UUID',
      createdAt: 'Дата внесения в БД',
      updatedAt: 'Дата обновления сведений',
      units: 'Головная организация и филиалы',
      headId: 'Головная организация',
      mergedIntoId: 'Объединена с',
      documents: 'Организационно-распорядительные документы',
      letters: 'Переписка',
      ownResources: 'Собственные ресурсы',
      outsourcing: 'Аутсорсинг',
      q: 'Поиск',
      searchText: 'Текст для поиска',
      nameKey: 'Наименование без организационно-правовой формы',
      okrugId: 'Федеральный округ',
      documentTypes: 'Есть документы всех видов',
      missingDocumentTypes: 'Нет документов видов',
      hasAgreement: 'Есть соглашение о сотрудничестве',
      isCiiSubject: 'Субъект КИИ',
      history: 'История',
      egrulStatus: 'ЕГРЮЛ',
      sections: 'Разделы',
      identity: 'Реквизиты кратко',
    },
    countedTable: 'organizations',
    titleOf: organizationTitle,
    // the list's «Наименование»: the short name where there is one (as the row shows it)
    sortExpressions: { name: () => `COALESCE(NULLIF("e"."short_name", ''), "e"."full_name")` },
    virtualFilters: organizationFilters,
    constraintMessages: {
      uq_organizations_active_inn_kpp: { field: 'inn', message: 'Действующая организация с такими ИНН и КПП уже есть в реестре' },
    },
    options: {
      navigation: NAVIGATION.organizations,
      titleProperty: 'fullName',
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['name', 'inn', 'kpp', 'regionId', 'contacts', 'dateAgreement', 'egrulStatus'],
      filterProperties: [
        'q',
        'egrulStatus',
        'regionId',
        'okrugId',
        'documentTypes',
        'missingDocumentTypes',
        'hasAgreement',
        'isCiiSubject',
        'isGov',
        'isMilitary',
        'isActive',
        'dateAgreement',
        'createdAt',
        'updatedAt',
      ],
      showProperties: [
        'egrulStatus',
        'requisitesCheck',
        'fullName',
        'shortName',
        'inn',
        'kpp',
        'ogrn',
        'factualAddress',
        'regionId',
        'bossPosition',
        'bossFio',
        'contacts',
        'dateAgreement',
        'agreementUnit',
        'isGov',
        'isMilitary',
        'isActive',
        'legacyNumber',
        'uuid',
        'createdAt',
        'updatedAt',
        'units',
        'documents',
        'letters',
        'ownResources',
        'outsourcing',
        'history',
        'identity',
        'sections',
      ],
      editProperties: [
        'requisitesCheck',
        'fullName',
        'shortName',
        'inn',
        'kpp',
        'ogrn',
        'factualAddress',
        'regionId',
        'bossPosition',
        'bossFio',
        'contacts',
        'dateAgreement',
        'agreementUnit',
        'isGov',
        'isMilitary',
      ],
      properties: {
        documentTypes: { components: { filter: Components.ReferenceMultiFilter } },
        missingDocumentTypes: { components: { filter: Components.ReferenceMultiFilter } },
        q: { description: 'Слова наименования (регистр, ё/е, кавычки не важны), начало ИНН, КПП или ОГРН', props: { placeholder: 'ромашка москва или 7707' } },
        name: {
          type: 'string',
          isVisible: { list: true, show: false, edit: false, filter: false },
          components: { list: Components.RecordLinkValue },
          props: { shows: ['shortName', 'fullName'] },
        },
        fullName: { isRequired: true, description: 'Полное наименование организации', props: { placeholder: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "РОМАШКА"' } },
        shortName: { props: { placeholder: 'АО "РОМАШКА"' } },
        inn: {
          description: 'Идентификационный номер налогоплательщика (организации). «Заполнить из ЕГРЮЛ» подставит реквизиты, адрес и регион по ИНН',
          props: { placeholder: '7749000000' },
          components: { edit: Components.InnEdit, list: Components.CodeValue },
        },
        kpp: { description: 'Код причины постановки на учет (организации)', props: { placeholder: '123456789' }, components: { list: Components.CodeValue } },
        ogrn: { description: 'Основной государственный регистрационный номер (ОГРН — 13 цифр, ОГРНИП — 15)', props: { placeholder: '1234567891234' } },
        factualAddress: { props: { placeholder: '125212, г. Москва, Ленинградское шоссе, д. 23А' } },
        regionId: {
          description: 'Регион, в котором зарегистрирована организация. Если не выбран, определяется по почтовому индексу в адресе',
          props: { placeholder: 'Выберите регион' },
        },
        bossPosition: { props: { placeholder: 'Генеральный директор' } },
        bossFio: { props: { placeholder: 'Ромашкин Игорь Евгеньевич' } },
        contacts: {
          description: 'Контакты (ФИО, телефоны, электронные почты)',
          // in the list and on the card: the text with its line breaks and a link to edit it on its own
          components: { list: Components.ContactsValue, show: Components.ContactsValue },
          props: {
            rows: 6,
            placeholder: 'Директор Департамента физического развития\nСпортивный Рамзан Игнатьевич\nМоб. 8-800-555-35-35\nemail: sport@with.us',
          },
        },
        dateAgreement: { description: 'Дата заключения соглашения о сотрудничестве' },
        agreementUnit: { props: { placeholder: 'Департамент физического развития' } },
        isGov: { description: 'Является ли организация государственной' },
        isMilitary: { description: 'Является ли организация военной' },
        // virtual: the stored requisites that fail the checks, marked on the card and in the form
        requisitesCheck: { type: 'string', isSortable: false, components: { show: Components.RequisitesCheck, edit: Components.RequisitesCheck } },
        // virtual: the organization's documents with their scans, on the card
        documents: { type: 'string', isSortable: false, components: { show: Components.OrganizationDocuments } },
        units: { type: 'string', isSortable: false, components: { show: Components.OrganizationUnits } },
        letters: { type: 'string', isSortable: false, components: { show: Components.OrganizationLetters } },
        ownResources: { type: 'string', isSortable: false, components: { show: Components.OrganizationResources } },
        outsourcing: { type: 'string', isSortable: false, components: { show: Components.OutsourcingList } },
        history: historySection('organizations'),
        legacyNumber: legacyNumberProperty(),
        // virtual: the card's line under its name (requisites, region, EGRUL, agreement)
        identity: {
          type: 'string',
          isSortable: false,
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: Components.OrganizationIdentity },
        },
        // virtual: the bar of the card's sections with their counts
        sections: {
          type: 'string',
          isSortable: false,
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: Components.CardSectionsNav },
        },
        // virtual: the last check against EGRUL — a badge and «Сверить с ЕГРЮЛ» on the card, a word in the list, a filter
        egrulStatus: {
          type: 'string',
          isSortable: false,
          availableValues: Object.entries(EGRUL_FILTER_VALUES).map(([value, label]) => ({ value, label })),
          isVisible: { list: true, show: true, edit: false, filter: true },
          components: { show: Components.EgrulStatus, list: Components.EgrulStatusValue },
        },
      },
      actions: {
        ...noDelete,
        // reference selects (a letter's organizations, a resource's owner) search like the list's search box
        search: { before: [searchBy('q')] },
        new: { before: [validateOrganization, fillRegionFromPostalCode], layout: FORM_LAYOUT },
        edit: { before: [validateOrganization, fillRegionFromPostalCode], layout: FORM_LAYOUT },
        show: { layout: CARD_LAYOUT, after: [egrulStatusOnCard, legacyNumberOnCard<RecordActionResponse>(dataSource, 'organizations')] },
        // a new incoming letter from this organization
        registerLetter: openFormAction(
          'Mail',
          (organization) =>
            `/admin/resources/Message/actions/new?${new URLSearchParams({ direction: 'incoming', 'organizations[0]': String(organization.id) })}`,
        ),
        list: { after: [egrulStatuses] },
        editContacts: editContactsAction(),
        ...actions,
      },
    },
  });
};
