import { describe, expect, it } from 'vitest';
import { organizationFieldsFromEgrul, EgrulFieldError, type EgrulDetail } from '../../src/egrul/egrul-organization.js';
import { classifyEgrulQuery, idOfRelativeAddress, pageOfServiceLink } from '../../src/egrul/egrul-query.js';
import { sample } from '../support/egrul-stub.js';

describe('classifyEgrulQuery', () => {
  it.each([
    ['7707083893', { kind: 'inn', value: '7707083893' }],
    ['500100732259', { kind: 'inn', value: '500100732259' }],
    [' 77 07 083893 ', { kind: 'inn', value: '7707083893' }],
    ['1027700132195', { kind: 'ogrn', value: '1027700132195' }],
    ['304500116000157', { kind: 'ogrnip', value: '304500116000157' }],
    ['773601001', { kind: 'kpp', value: '773601001' }],
    ['7736ab001', { kind: 'kpp', value: '7736AB001' }],
    ['ООО "Ромашка"', { kind: 'text', value: 'ООО "Ромашка"' }],
    ['12345', { kind: 'text', value: '12345' }],
    ['  зелёный \t город ', { kind: 'text', value: 'зелёный город' }],
    ['ромашка\u0000', { kind: 'text', value: 'ромашка' }],
  ])('%j → %j', (input, expected) => {
    expect(classifyEgrulQuery(input)).toEqual(expected);
  });

  it('returns null for an empty query and caps a long one', () => {
    expect(classifyEgrulQuery('   ')).toBeNull();
    expect(classifyEgrulQuery('я'.repeat(1000))?.value).toHaveLength(300);
  });
});

describe('links of the service', () => {
  it('keeps only the page number of next/previous, whatever host they name', () => {
    const page2 = JSON.parse(sample('18_fts_ooo_romashka_page2.json')) as { next: string; previous: string };
    expect(pageOfServiceLink(page2.next)).toBe(3);
    expect(pageOfServiceLink(page2.previous)).toBe(1); // the link back to page 1 has no page parameter
    expect(pageOfServiceLink(null)).toBeNull();
    expect(pageOfServiceLink('http://evil.example/api/organizations/?page=abc')).toBeNull();
    expect(pageOfServiceLink('http://evil.example/api/organizations/?page=7')).toBe(7);
  });

  it('takes the id from relative_addr and nothing else', () => {
    expect(idOfRelativeAddress('/api/organizations/17/')).toBe(17);
    for (const bad of [
      '/api/organizations/0/',
      'http://x/api/organizations/1/',
      '/api/organizations/1',
      '/api/organizations/1/../../admin/',
      '/api/organizations/abc/',
    ]) {
      expect(idOfRelativeAddress(bad)).toBeNull();
    }
  });
});

describe('organizationFieldsFromEgrul', () => {
  const detail = (file: string) => JSON.parse(sample(file)) as EgrulDetail;

  it('maps a head organization as the original did', () => {
    expect(organizationFieldsFromEgrul(detail('13_retrieve_1.json'))).toEqual({
      fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "КОМПАНИЯ "ЧУДЕСА"',
      shortName: 'ООО "КОМПАНИЯ ЧУДЕСА"',
      inn: '2222222222',
      kpp: '333333333',
      ogrn: '1111111111111',
      factualAddress: 'ПР-КТ. ЛЕНИНА, Д. 00А, Г. ОКТЯБРЬСКИЙ, РЕСПУБЛИКА БАШКОРТОСТАН, 452613',
      regionCode: 2,
    });
  });

  it('gives a branch without a short name its full name, keeping the source text', () => {
    const fields = organizationFieldsFromEgrul(detail('14_retrieve_branch_3.json'));
    expect(fields.shortName).toBe('"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"');
    expect(fields.regionCode).toBe(65);
  });

  it('treats "НЕ УКАЗАН" as no address and "00"/null as no region; tidies spaces and case', () => {
    const fields = organizationFieldsFromEgrul({
      full_name: '  общество  "Ёлка"\n',
      short_name: '',
      inn: '3333333333',
      kpp: null,
      ogrn: '2222222222222',
      factual_address: 'НЕ УКАЗАН',
      region_code: '00',
    });
    expect(fields).toMatchObject({ fullName: 'ОБЩЕСТВО "ЁЛКА"', shortName: 'ОБЩЕСТВО "ЁЛКА"', kpp: null, factualAddress: null, regionCode: null });
    expect(organizationFieldsFromEgrul({ ...detail('13_retrieve_1.json'), region_code: null }).regionCode).toBeNull();
  });

  it.each([
    ['inn', { inn: null }],
    ['inn', { inn: '12345' }],
    ['kpp', { kpp: '12' }],
    ['ogrn', { ogrn: '123' }],
    ['full_name', { full_name: '   ' }],
    ['region_code', { region_code: 'XX' }],
  ])('refuses a bad %s', (field, change) => {
    const bad = { ...detail('13_retrieve_1.json'), ...change } as EgrulDetail;
    expect(() => organizationFieldsFromEgrul(bad)).toThrow(EgrulFieldError);
    try {
      organizationFieldsFromEgrul(bad);
    } catch (error) {
      expect((error as EgrulFieldError).field).toBe(field);
    }
  });
});
