import { describe, expect, it } from 'vitest';
import { checkInn, checkKpp, checkOgrn, innCheckDigits, ogrnCheckDigit } from '../../src/domain/requisites.js';

describe('INN', () => {
  it.each(['7707083893', '6663003127', '7736207543'])('accepts the valid legal-entity INN %s', (inn) => {
    expect(checkInn(inn)).toEqual({ ok: true, value: inn });
  });

  it('accepts a 12-digit INN whose two check digits are right, and rejects either one wrong', () => {
    const body = '5003012345';
    const inn = body + innCheckDigits(body);
    expect(inn).toHaveLength(12);
    expect(checkInn(inn).ok).toBe(true);
    const wrong11 = `${inn.slice(0, 10)}${(Number(inn[10]) + 1) % 10}${inn[11]}`;
    expect(checkInn(wrong11)).toEqual({ ok: false, reason: `ИНН ${wrong11}: неверная контрольная сумма` });
  });

  it.each([
    ['7707083894', 'ИНН 7707083894: неверная контрольная сумма'],
    ['770708389', 'ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП), получено 9'],
    ['77070838a3', 'ИНН должен состоять только из цифр, получено «77070838a3»'],
    ['0007083893', 'ИНН не может начинаться с 00'],
  ])('rejects %s with a Russian message', (inn, reason) => {
    expect(checkInn(inn)).toEqual({ ok: false, reason });
  });
});

describe('OGRN', () => {
  it.each(['1027700132195', '1026605606620', '1027700220624'])('accepts %s', (ogrn) => {
    expect(checkOgrn(ogrn).ok).toBe(true);
  });

  it('checks the 15-digit OGRNIP modulo 13', () => {
    const body = '30450011650001';
    const ogrnip = body + ogrnCheckDigit(body);
    expect(ogrnip.slice(-1)).toBe(String((BigInt(body) % 13n) % 10n));
    expect(checkOgrn(ogrnip).ok).toBe(true);
  });

  it('rejects a wrong check digit and a wrong length', () => {
    expect(checkOgrn('1027700132196')).toEqual({ ok: false, reason: 'ОГРН 1027700132196: неверное контрольное число' });
    expect(checkOgrn('102770013219')).toEqual({ ok: false, reason: 'ОГРН должен содержать 13 цифр (ОГРНИП — 15), получено 12' });
  });
});

describe('KPP', () => {
  it.each(['773601001', '540602001', '7736AB001'])('accepts %s', (kpp) => {
    expect(checkKpp(kpp).ok).toBe(true);
  });
  it.each(['77360100', '7736010011', '77А601001', 'abcdefghi'])('rejects %s', (kpp) => {
    expect(checkKpp(kpp).ok).toBe(false);
  });
});
