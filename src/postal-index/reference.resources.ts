import { addressSearch } from './address.filters.js';
import { Address } from '../../entities/address.entity.js';
import { Industry } from '../../entities/industry.entity.js';
import { Okrug } from '../../entities/okrug.entity.js';
import { Region } from '../../entities/region.entity.js';
import { adminOnlyWrites, readOnly } from '../engine/admin/access.js';
import { addOkrugNames } from './address-region.hooks.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { defineResource } from '../engine/admin/resource-definition.js';

export const okrugResource = defineResource({
  entity: Okrug,
  label: 'Федеральные округа',
  newLabel: 'Новый федеральный округ',
  properties: { id: 'Код', name: 'Название' },
  options: {
    navigation: NAVIGATION.references,
    titleProperty: 'name',
    sort: { sortBy: 'id', direction: 'asc' },
    properties: { id: { isVisible: { list: true, show: true, edit: true, filter: false } } },
    actions: { ...adminOnlyWrites },
  },
});

export const regionResource = defineResource({
  entity: Region,
  label: 'Регионы',
  newLabel: 'Новый регион',
  properties: { id: 'Код', name: 'Название', okrugId: 'Федеральный округ' },
  options: {
    navigation: NAVIGATION.references,
    titleProperty: 'name',
    sort: { sortBy: 'name', direction: 'asc' },
    listProperties: ['id', 'name', 'okrugId'],
    properties: { id: { isVisible: { list: true, show: true, edit: true, filter: true } } },
    actions: { ...adminOnlyWrites },
  },
});

export const industryResource = defineResource({
  entity: Industry,
  label: 'Сферы КИИ',
  newLabel: 'Новая сфера КИИ',
  properties: { id: 'ID', name: 'Название' },
  options: {
    navigation: NAVIGATION.references,
    titleProperty: 'name',
    sort: { sortBy: 'id', direction: 'asc' },
    actions: { ...adminOnlyWrites },
  },
});

export const addressResource = defineResource({
  entity: Address,
  label: 'Почтовые индексы',
  newLabel: 'Новый почтовый индекс',
  properties: {
    index: 'Индекс',
    opsName: 'Отделение связи',
    area: 'Район',
    locality: 'Населённый пункт',
    sourceRegionName: 'Регион по данным Почты России',
    regionId: 'Регион',
    okrug: 'Федеральный округ',
    actualizedOn: 'Дата актуализации',
    createdAt: 'Загружено',
    updatedAt: 'Изменено',
    q: 'Поиск',
  },
  virtualFilters: [addressSearch],
  options: {
    navigation: NAVIGATION.references,
    titleProperty: 'index',
    sort: { sortBy: 'index', direction: 'asc' },
    listProperties: ['index', 'locality', 'area', 'regionId', 'okrug'],
    filterProperties: ['q', 'index', 'locality', 'area', 'regionId'],
    showProperties: ['index', 'opsName', 'locality', 'area', 'regionId', 'okrug', 'sourceRegionName', 'actualizedOn', 'updatedAt'],
    properties: {
      okrug: { type: 'string', isSortable: false, isVisible: { list: true, show: true, edit: false, filter: false } },
      q: { description: 'Начало индекса или слова населённого пункта и района', props: { placeholder: '101 или чебоксары' } },
    },
    actions: {
      ...readOnly,
      list: { after: [addOkrugNames] },
      show: { after: [addOkrugNames] },
    },
  },
});
