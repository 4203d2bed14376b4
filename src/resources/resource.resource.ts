import type { ActionResponse } from 'adminjs';
import { CII_CATEGORY_LABELS } from '../domain/cii-category.js';
import { Resource } from '../../entities/resource.entity.js';
import { addResourceRegionsFromPostalCodes } from './resource.hooks.js';
import { Components } from '../engine/admin/component-loader.js';
import { resourceFilters } from './resource.filters.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { historySection } from '../engine/admin/history-section.js';
import type { DataSource } from 'typeorm';
import { notWhenDeleted, restoreResourceAction } from './restore-resource.action.js';
import { resourceExport } from './resource.export.js';
import { defineResource, type ResourceDefinition } from '../engine/admin/resource-definition.js';
import { legacyNumberOnCard, legacyNumberProperty } from '../legacy/legacy-card.js';

/** Information resources: exportable; a deleted one is restored by an admin from its card. */
export const resourceResource = ({ dataSource }: { dataSource: DataSource }): ResourceDefinition =>
  defineResource({
    entity: Resource,
    export: resourceExport,
    label: 'Информационные ресурсы',
    newLabel: 'Новый информационный ресурс',
    properties: {
      id: 'ID',
      legacyNumber: '№ в старой системе',
      name: 'Наименование',
      isOkii: 'ОКИИ',
      fstecRegNumber: 'Рег №',
      category: 'Категория',
      dateAddedToFstec: 'Дата внесения в реестр',
      dateUpdatedToFstec: 'Дата обновления в реестре',
      factualAddresses: 'Адреса размещения',
      respWorker: 'Ответственный',
      ipPool: 'IP-адреса',
      dnsPool: 'DNS-имена',
      ownerId: 'Владелец',
      regions: 'Регионы размещения',
      industries: 'Сферы деятельности',
      q: 'Поиск',
      outsourcing: 'Аутсорсинг',
      searchText: 'Текст для поиска',
      deletedAt: 'Удален',
      createdAt: 'Создано',
      updatedAt: 'Изменено',
      history: 'История',
    },
    countedTable: 'resources',
    virtualFilters: resourceFilters,
    options: {
      navigation: NAVIGATION.resources,
      titleProperty: 'name',
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['name', 'isOkii', 'fstecRegNumber', 'category', 'ownerId'],
      filterProperties: ['q', 'regions', 'industries', 'ownerId', 'isOkii', 'category'],
      editProperties: [
        'name',
        'isOkii',
        'fstecRegNumber',
        'category',
        'dateAddedToFstec',
        'dateUpdatedToFstec',
        'factualAddresses',
        'regions',
        'industries',
        'respWorker',
        'ipPool',
        'dnsPool',
        'ownerId',
      ],
      showProperties: [
        'deletedAt',
        'name',
        'isOkii',
        'fstecRegNumber',
        'category',
        'dateAddedToFstec',
        'dateUpdatedToFstec',
        'factualAddresses',
        'regions',
        'industries',
        'respWorker',
        'ipPool',
        'dnsPool',
        'ownerId',
        'legacyNumber',
        'createdAt',
        'updatedAt',
        'outsourcing',
        'history',
      ],
      properties: {
        name: { isRequired: true, description: 'Наименование ресурса', props: { placeholder: 'ГАС "Переправосудие"' } },
        isOkii: { description: 'Является ли ресурс ОКИИ' },
        fstecRegNumber: { description: 'Регистрационный номер, присвоенный ФСТЭК России' },
        category: {
          description: 'Категория значимости ОКИИ',
          availableValues: Object.entries(CII_CATEGORY_LABELS).map(([value, label]) => ({ value, label })),
        },
        factualAddresses: {
          description: 'Адреса размещения ресурса (элементов ресурса). Регионы по почтовым индексам в адресах добавляются к ресурсу при сохранении',
          props: { rows: 8, placeholder: 'Серверная часть:\n428038, Чувашская Республика, г. Чебоксары, ул. Победы, д. 3' },
        },
        respWorker: { description: 'Ответственная за ресурс персона (при наличии)', props: { placeholder: 'Рофлеров Р.Р., rofel@rofler.ru' } },
        ipPool: { description: 'Диапазон IP-адресов ресурса (при наличии)', props: { placeholder: '192.168.1.1:0/24, 127.0.0.1' } },
        dnsPool: { description: 'Диапазон доменных имен (при наличии)', props: { placeholder: 'localhost, rofel.ru' } },
        regions: {
          components: {
            edit: Components.ReferenceMultiEdit,
            show: Components.ReferenceListValue,
            list: Components.ReferenceListValue,
            filter: Components.ReferenceMultiFilter,
          },
        },
        industries: {
          components: {
            edit: Components.ReferenceMultiEdit,
            show: Components.ReferenceListValue,
            list: Components.ReferenceListValue,
            filter: Components.ReferenceMultiFilter,
          },
        },
        q: { description: 'Слова наименования или регистрационный номер', props: { placeholder: 'ГАС' } },
        outsourcing: { type: 'string', isSortable: false, components: { show: Components.OutsourcingList } },
        history: historySection('resources'),
        legacyNumber: legacyNumberProperty(),
        deletedAt: { components: { show: Components.DeletedNotice }, isVisible: { list: false, filter: false, edit: false, show: true } },
        ownerId: { isRequired: true, description: 'Владелец ресурса (организация)', props: { placeholder: 'Выберите организацию' } },
      },
      actions: {
        new: { after: [addResourceRegionsFromPostalCodes] },
        // a deleted resource opens on its card (with «Восстановить» for admins), and is not edited or deleted again
        edit: { after: [addResourceRegionsFromPostalCodes], isAccessible: notWhenDeleted(true) },
        delete: { isAccessible: notWhenDeleted(true) },
        restore: restoreResourceAction(dataSource),
        show: { after: [legacyNumberOnCard<ActionResponse>(dataSource, 'resources')] },
      },
    },
  });
