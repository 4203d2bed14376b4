import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacyHistoryNote, legacyNumberText } from '../../src/domain/legacy-origin.js';
import { innCheckDigits } from '../../src/domain/requisites.js';
import {
  activeTwinKey,
  brokenThreads,
  convertMessage,
  convertOrganization,
  convertResponsibility,
  nameKey,
  oldScanPath,
  organizationUuid,
  ourNumberKey,
  text,
  type OldMessage,
  type OldOrganization,
} from '../../src/legacy/legacy-rules.js';

const TODAY = '2026-12-07';
const inn = (body: string) => body + innCheckDigits(body);
const organization = (fields: Partial<OldOrganization>): OldOrganization => ({
  org_id: 1,
  date_added: '2021-01-01',
  date_updated: null,
  full_name: 'ООО "РОМАШКА"',
  short_name: null,
  inn: null,
  kpp: null,
  ogrn: null,
  factual_address: null,
  boss_position: null,
  boss_fio: null,
  contacts: null,
  date_agreement: null,
  agreement_unit: null,
  is_gov: null,
  is_military: null,
  is_active: true,
  uuid: null,
  region_id: null,
  ...fields,
});
const message = (fields: Partial<OldMessage>): OldMessage => ({
  message_id: 1,
  date_inbox_approved: null,
  number_inbox_approved: null,
  date_registered: null,
  our_inbox_number: null,
  date_approved: null,
  our_outbox_number: null,
  information: 'О направлении сведений',
  datetime_created: null,
  parent_id: null,
  ...fields,
});

describe('the old service’s rows in this registry (pure)', () => {
  it('reads the old empty string as no value, and keeps any other text as it is', () => {
    expect(text('')).toBeNull();
    expect(text('   ')).toBeNull();
    expect(text(null)).toBeNull();
    expect(text(' Иванов ')).toBe(' Иванов ');
  });

  it('keeps an INN or OGRN with a bad checksum (flagged), sets aside one that breaks the format, and a KPP of the wrong shape', () => {
    const good = inn('770100001');
    const badChecksum = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    const kept = convertOrganization(organization({ inn: badChecksum, ogrn: '1027700000999' }), TODAY, new Set());
    expect(kept.row).toMatchObject({ inn: badChecksum, ogrn: '1027700000999' });
    expect(kept.setAside).toEqual({});
    expect(kept.lines.map((l) => l.field)).toEqual(['ИНН', 'ОГРН']);

    const aside = convertOrganization(organization({ inn: '12345', kpp: '7701 01 001', ogrn: 'abc' }), TODAY, new Set());
    expect(aside.row).toMatchObject({ inn: null, kpp: null, ogrn: null });
    expect(aside.setAside).toEqual({ ИНН: '12345', КПП: '7701 01 001', ОГРН: 'abc' });
  });

  it('an unknown region is set aside; an agreement in the future is kept and flagged; a NULL is_active is active', () => {
    const c = convertOrganization(organization({ region_id: 98, date_agreement: '2999-01-01', is_active: null }), TODAY, new Set([77]));
    expect(c.row).toMatchObject({ regionId: null, dateAgreement: '2999-01-01', isActive: true, isGov: false });
    expect(c.setAside).toEqual({ Регион: '98' });
    expect(c.lines.map((l) => l.field)).toEqual(['Регион', 'Дата соглашения', 'Действующая']);
    expect(convertOrganization(organization({ region_id: 77 }), TODAY, new Set([77])).row.regionId).toBe(77);
  });

  it('one active twin per INN+KPP: the key of the database’s rule', () => {
    expect(activeTwinKey({ inn: '7701000019', kpp: null, isActive: true })).toBe('7701000019/');
    expect(activeTwinKey({ inn: '7701000019', kpp: '770101001', isActive: false })).toBeNull();
    expect(activeTwinKey({ inn: null, kpp: '770101001', isActive: true })).toBeNull();
  });

  it('an organization’s uuid: the old one, or one made from the old id, the same in every run', () => {
    const digest = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(organizationUuid('A3F1C2DE-0000-4000-8000-000000000001', 1, digest)).toBe('a3f1c2de-0000-4000-8000-000000000001');
    const made = organizationUuid(null, 6, digest);
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(organizationUuid('not-a-uuid', 6, digest)).toBe(made);
    expect(organizationUuid(null, 7, digest)).not.toBe(made);
    expect(oldScanPath('a3f1c2de-0000-4000-8000-000000000001', 'stvrgnzts')).toBe('A3/a3f1c2de-0000-4000-8000-000000000001/stvrgnzts.pdf');
  });

  it('a letter is outgoing when both our outgoing number and its date are set (the old rule); the rest is incoming', () => {
    expect(convertMessage(message({ our_outbox_number: 'ИСХ-1', date_approved: '2023-01-20' }), TODAY).row).toMatchObject({
      direction: 'outgoing',
      ourNumber: 'ИСХ-1',
      ourDate: '2023-01-20',
    });
    const numberOnly = convertMessage(message({ our_outbox_number: 'ИСХ-2' }), TODAY);
    expect(numberOnly.row).toMatchObject({ direction: 'incoming', ourNumber: null });
    expect(numberOnly.setAside).toEqual({ 'Исходящий номер': 'ИСХ-2' });
    const none = convertMessage(message({ our_inbox_number: '', information: '' }), TODAY);
    expect(none.row).toMatchObject({ direction: 'incoming', ourNumber: null, information: '' });
    expect(none.lines.map((l) => l.field)).toEqual(['Содержание']);
  });

  it('sets aside a sender’s date later than our registration, and flags a date in the future', () => {
    const c = convertMessage(message({ our_inbox_number: 'ВХ-10', date_registered: '2023-03-01', date_inbox_approved: '2023-03-09' }), TODAY);
    expect(c.row).toMatchObject({ ourDate: '2023-03-01', theirDate: null });
    expect(c.setAside).toEqual({ 'Дата подписи отправителем': '2023-03-09' });
    const future = convertMessage(message({ our_inbox_number: 'ВХ-11', date_registered: '2999-12-31' }), TODAY);
    expect(future.row.ourDate).toBe('2999-12-31');
    expect(future.lines).toEqual([{ field: 'Дата', value: '2999-12-31', reason: 'дата в будущем: перенесена как есть' }]);
  });

  it('numbers compare as the registry’s unique index compares them (direction, year, letters and digits)', () => {
    const a = convertMessage(message({ our_inbox_number: 'ВХ-1', date_registered: '2023-01-10' }), TODAY).row;
    const b = convertMessage(message({ our_inbox_number: 'вх 1', date_registered: '2023-12-31' }), TODAY).row;
    const c = convertMessage(message({ our_inbox_number: 'ВХ-1', date_registered: '2024-01-01' }), TODAY).row;
    expect(ourNumberKey(a)).toBe(ourNumberKey(b));
    expect(ourNumberKey(a)).not.toBe(ourNumberKey(c));
    expect(ourNumberKey({ direction: 'incoming', ourNumber: 'ВХ-1', ourDate: null })).toBeNull();
  });

  it('finds the threads that cannot be kept: a letter answering itself, and each loop once, at its smallest id', () => {
    const parents = new Map<number, number | null>([
      [1, null],
      [2, 1],
      [3, 4],
      [4, null],
      [5, 5],
      [6, 7],
      [7, 8],
      [8, 6],
      [9, 8],
      [10, 99],
    ]);
    expect([...brokenThreads(parents)].sort()).toEqual([
      [5, 'письмо указано основанием самого себя'],
      [6, 'основания писем образуют круг (6 → 7 → 8)'],
    ]);
  });

  it('an outsourcing period that ends before it starts keeps its start; names compare without case and punctuation', () => {
    const c = convertResponsibility({ org_id: 1, resource_id: 1, date_start: '2024-05-01', date_end: '2024-01-01', props: '', comment: 'x' });
    expect(c.row).toEqual({ dateStart: '2024-05-01', dateEnd: null, props: null, comment: 'x' });
    expect(nameKey('Соглашение о сотрудничестве!')).toBe(nameKey('соглашение  о  СОТРУДНИЧЕСТВЕ'));
    expect(nameKey('Ёлка')).toBe(nameKey('елка'));
  });

  it('says on the card and in the history where a record came from and what did not come across', () => {
    const origin = {
      oldId: '3',
      outcome: 'imported' as const,
      oldCreated: '2021-03-11T21:00:00Z',
      oldUpdated: '2022-04-30T21:00:00Z',
      notes: { КПП: '12345' },
      runAt: '2026-12-07T10:00:00Z',
      runBy: 'ops (ОС)',
    };
    expect(legacyNumberText(origin)).toBe('3; не перенесено: КПП «12345»');
    expect(legacyNumberText({ ...origin, outcome: 'merged', notes: null })).toBe('3 (объединена с этой записью при переносе)');
    expect(legacyHistoryNote(origin, 'Europe/Moscow')).toBe(
      '№ в старой системе: 3; добавлена там 12.03.2021; изменена там 01.05.2022; перенесена 07.12.2026; не перенесено: КПП «12345»',
    );
  });
});
