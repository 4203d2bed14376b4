import { describe, expect, it } from 'vitest';
import { checkContacts, checkOrganizationRequisites, CONTACTS_MAX_LENGTH, todayIn } from '../../src/domain/organization.js';
import { innCheckDigits, ogrnCheckDigit } from '../../src/domain/requisites.js';

const TODAY = '2026-11-27';
const check = (fields: Record<string, unknown>) => checkOrganizationRequisites({ fullName: 'ООО "ТЕСТ"', ...fields }, TODAY);
const ogrnip = '30450011650001' + ogrnCheckDigit('30450011650001');

describe('organization requisites', () => {
  it('accepts a legal entity with valid INN, KPP and OGRN, normalising them', () => {
    expect(check({ inn: ' 7707083893 ', kpp: '773601001', ogrn: '1027700132195', dateAgreement: '2026-11-27' })).toEqual({
      ok: true,
      value: { fullName: 'ООО "ТЕСТ"', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', dateAgreement: '2026-11-27' },
    });
    expect(check({ kpp: '7736ab001' })).toMatchObject({ ok: true, value: { kpp: '7736AB001' } });
  });

  it('accepts an individual entrepreneur: 12-digit INN, 15-digit OGRNIP, no KPP', () => {
    const innIp = '5003012345' + innCheckDigits('5003012345');
    expect(check({ inn: innIp, ogrn: ogrnip })).toMatchObject({ ok: true });
  });

  it.each([
    [{ fullName: '  ' }, 'fullName', 'Укажите полное наименование организации'],
    [{ inn: '7707083894' }, 'inn', 'ИНН 7707083894: неверная контрольная сумма'],
    [{ inn: '77070838' }, 'inn', 'ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП), получено 8'],
    [{ kpp: '77360100' }, 'kpp', 'КПП должен состоять из 9 символов вида NNNNPPXXX (P — цифра или латинская буква), получено «77360100»'],
    [{ ogrn: '1027700132196' }, 'ogrn', 'ОГРН 1027700132196: неверное контрольное число'],
    [{ inn: '7707083893', ogrn: ogrnip }, 'ogrn', 'ИНН из 10 цифр — организация: ОГРН должен содержать 13 цифр, получено 15'],
    [{ inn: '5003012345' + innCheckDigits('5003012345'), ogrn: '1027700132195' }, 'ogrn', 'ИНН из 12 цифр — ИП: нужен ОГРНИП из 15 цифр, получено 13'],
    [
      { inn: '5003012345' + innCheckDigits('5003012345'), kpp: '773601001' },
      'kpp',
      'КПП есть только у организаций: у ИП (ИНН из 12 цифр) поле КПП оставьте пустым',
    ],
    [{ dateAgreement: '2026-11-28' }, 'dateAgreement', 'Дата подписания соглашения не может быть позже сегодняшнего дня (27.11.2026), указано 28.11.2026'],
  ])('refuses %o with a message on %s', (fields, field, message) => {
    expect(check(fields)).toEqual({ ok: false, errors: { [field]: message } });
  });

  it("takes today's date in the registry's time zone, not the server's", () => {
    const lateEveningUtc = new Date('2026-11-27T22:30:00Z');
    expect(todayIn('Europe/Moscow', lateEveningUtc)).toBe('2026-11-28');
    expect(todayIn('UTC', lateEveningUtc)).toBe('2026-11-27');
  });
});

describe('checkContacts', () => {
  it('trims, unifies line breaks, stores nothing for blank, and bounds the length', () => {
    expect(checkContacts('  Иванов\r\nтел. 1\rфакс 2 ')).toEqual({ ok: true, value: 'Иванов\nтел. 1\nфакс 2' });
    expect(checkContacts(' \n ')).toEqual({ ok: true, value: null });
    expect(checkContacts(undefined)).toEqual({ ok: true, value: null });
    expect(checkContacts('я'.repeat(CONTACTS_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(checkContacts('я'.repeat(CONTACTS_MAX_LENGTH + 1))).toEqual({ ok: false, error: 'Контакты: не длиннее 4000 знаков (сейчас 4001)' });
    expect(checkContacts(42)).toEqual({ ok: false, error: 'Контакты: ожидается текст' });
  });
});
