import { describe, expect, it } from 'vitest';
import { addDays, letterStatus } from '../../src/domain/letter-status.js';
import { letterTitle, organizationTitle } from '../../src/domain/record-titles.js';
import { formatNumber, nextRegistrationNumber, patternProblem } from '../../src/domain/registration-number.js';
import { joinedDigitGroups, registrationNumberKey, registrationNumberQuery, searchWords } from '../../src/domain/search-text.js';

describe('registration numbers as typed', () => {
  it('reduces a number to letters and digits: case, spaces, dashes, dots and № do not matter', () => {
    expect(registrationNumberKey('ИСХ-1234')).toBe('исх1234');
    expect(registrationNumberKey(' исх 1234 ')).toBe('исх1234');
    expect(registrationNumberKey('Исх.№1234')).toBe('исх1234');
    expect(registrationNumberKey('161-10-11/22')).toBe('161101122');
    expect(registrationNumberKey('ВХ-Ё5')).toBe('вхе5');
  });

  it('takes a query for a number when it has a digit and no word longer than a number’s prefix', () => {
    expect(registrationNumberQuery('ИСХ-1234')).toBe('исх1234');
    expect(registrationNumberQuery('ФСТЭК 240/24')).toBe('фстэк24024');
    expect(registrationNumberQuery('1234')).toBe('1234');
    expect(registrationNumberQuery('о направлении 12')).toBeNull();
    expect(registrationNumberQuery('ромашка')).toBeNull();
    expect(registrationNumberQuery('№ —')).toBeNull();
  });

  it('joins an INN typed in groups, but not an INN and a KPP', () => {
    expect(joinedDigitGroups('7707 083 893')).toBe('7707083893');
    expect(joinedDigitGroups('77-07-08-38-93')).toBe('7707083893');
    expect(joinedDigitGroups('7707083893 773601001')).toBeNull();
    expect(joinedDigitGroups('7707083893 7736')).toBeNull();
    expect(joinedDigitGroups('7707')).toBeNull();
    expect(joinedDigitGroups('ромашка 7707 083')).toBeNull();
    expect(searchWords('7707 083 893')).toEqual({ words: [], numbers: ['7707083893'] });
    expect(searchWords('7707083893 773601001')).toEqual({ words: [], numbers: ['7707083893', '773601001'] });
  });
});

describe('«наш номер» from a pattern', () => {
  it('gives one more than the largest number of the pattern, whatever the spelling of the others', () => {
    expect(nextRegistrationNumber('ВХ-{n}', 2026, ['ВХ-1', 'вх 7', 'ВХ-3', 'ИСХ-99', 'ВХ-12а', '161-10-11/22'])).toBe('ВХ-8');
    expect(nextRegistrationNumber('ИСХ-{n}', 2026, [])).toBe('ИСХ-1');
    expect(nextRegistrationNumber('{n}/{yy}', 2026, ['5/26', '9/25', '7/26'])).toBe('8/26');
    expect(nextRegistrationNumber('161-10-11/{n}', 2026, ['161-10-11/22', '161-10-11/3'])).toBe('161-10-11/23');
    expect(formatNumber('ВХ-{yyyy}-{n}', 2026, 4)).toBe('ВХ-2026-4');
  });

  it('refuses a pattern without exactly one {n} or with an unknown token, in Russian', () => {
    expect(patternProblem('ВХ-{n}')).toBeNull();
    expect(patternProblem('ВХ')).toMatch(/должен содержать \{n\} ровно один раз/);
    expect(patternProblem('{n}-{n}')).toMatch(/ровно один раз/);
    expect(patternProblem('ВХ-{n}-{mm}')).toMatch(/неизвестная подстановка \{mm\}/);
  });
});

describe('an incoming letter’s answer status', () => {
  const today = '2026-12-03';
  it('is answered when answered, overdue after its date, waiting until then, none without a date or when outgoing', () => {
    expect(letterStatus({ direction: 'incoming', dueDate: '2026-12-01', answered: true }, today)).toBe('answered');
    expect(letterStatus({ direction: 'incoming', dueDate: '2026-12-02', answered: false }, today)).toBe('overdue');
    expect(letterStatus({ direction: 'incoming', dueDate: '2026-12-03', answered: false }, today)).toBe('waiting');
    expect(letterStatus({ direction: 'incoming', dueDate: null, answered: false }, today)).toBeNull();
    expect(letterStatus({ direction: 'outgoing', dueDate: null, answered: false }, today)).toBeNull();
    expect(addDays('2026-12-30', 7)).toBe('2027-01-06');
  });
});

describe('record titles', () => {
  it('names an organization by its short name, a letter by its number and date', () => {
    expect(organizationTitle({ shortName: 'ПАО Сбербанк', fullName: 'ПУБЛИЧНОЕ …' })).toBe('ПАО Сбербанк');
    expect(organizationTitle({ shortName: ' ', fullName: 'ООО "РОМАШКА"' })).toBe('ООО "РОМАШКА"');
    expect(letterTitle({ direction: 'incoming', ourNumber: 'ВХ-15', ourDate: '2026-12-01' })).toBe('Вх. № ВХ-15 от 01.12.2026');
    expect(letterTitle({ direction: 'outgoing', ourNumber: '161-10-11/22', ourDate: null })).toBe('Исх. № 161-10-11/22');
    expect(letterTitle({ direction: 'incoming', ourNumber: null, ourDate: '2026-12-01' })).toBe('Вх. письмо от 01.12.2026');
  });
});
