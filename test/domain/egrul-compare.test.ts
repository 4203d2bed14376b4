import { describe, expect, it } from 'vitest';
import { comparableText, compareWithEgrul, type ComparedValues } from '../../src/domain/egrul-compare.js';

const registry: ComparedValues = {
  fullName: 'Публичное акционерное общество «Сбербанк России»',
  shortName: 'ПАО Сбербанк',
  ogrn: '1027700132195',
  kpp: '773601001',
  factualAddress: '117312, г. Москва, ул. Вавилова, д. 19',
  regionId: 77,
};
const egrul: ComparedValues = {
  fullName: 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"',
  shortName: 'ПАО СБЕРБАНК',
  ogrn: '1027700132195',
  kpp: '773601001',
  factualAddress: '117312, Г. МОСКВА, УЛ. ВАВИЛОВА, Д.19',
  regionId: 77,
};

describe('an organization compared with EGRUL', () => {
  it('reads names and addresses as a person does: case, ё, quotes, punctuation and spacing aside', () => {
    expect(compareWithEgrul(registry, egrul)).toEqual([]);
    expect(comparableText('ООО «Ёлка»')).toBe(comparableText('ООО "ЕЛКА"'));
    expect(comparableText('д. 19')).toBe(comparableText('Д.19'));
  });

  it('names each changed field with both values, the region as our id', () => {
    const changed = { ...egrul, fullName: 'ПАО "СБЕРБАНК"', kpp: '773601002', regionId: 50, factualAddress: '143000, МОСКОВСКАЯ ОБЛ., Г. ОДИНЦОВО' };
    expect(compareWithEgrul(registry, changed)).toEqual([
      { field: 'fullName', registry: registry.fullName, egrul: 'ПАО "СБЕРБАНК"' },
      { field: 'kpp', registry: '773601001', egrul: '773601002' },
      { field: 'factualAddress', registry: registry.factualAddress, egrul: '143000, МОСКОВСКАЯ ОБЛ., Г. ОДИНЦОВО' },
      { field: 'regionId', registry: 77, egrul: 50 },
    ]);
  });

  it('a missing short name is not a difference when EGRUL has none either, or the same as the full name', () => {
    expect(compareWithEgrul({ ...registry, shortName: null }, { ...egrul, shortName: null })).toEqual([]);
    expect(compareWithEgrul({ ...registry, shortName: null }, { ...egrul, shortName: egrul.fullName })).toEqual([]);
    expect(compareWithEgrul({ ...registry, shortName: null }, egrul)).toEqual([{ field: 'shortName', registry: null, egrul: 'ПАО СБЕРБАНК' }]);
  });

  it('EGRUL saying nothing of the address or region does not make ours wrong; a KPP or OGRN it lacks does', () => {
    expect(compareWithEgrul(registry, { ...egrul, factualAddress: null, regionId: null })).toEqual([]);
    expect(compareWithEgrul(registry, { ...egrul, kpp: null }).map((d) => d.field)).toEqual(['kpp']);
    expect(compareWithEgrul({ ...registry, ogrn: null }, egrul).map((d) => d.field)).toEqual(['ogrn']);
  });
});
