import { describe, expect, it } from 'vitest';
import { parseInnList } from '../../src/domain/inn-list.js';

describe('a pasted list of INNs', () => {
  it('reads the forms people paste: bare, with KPP after a separator, spaced or dashed digits, labelled, CSV rows', () => {
    const { lines } = parseInnList(
      [
        'ИНН;КПП',
        '7707083893',
        '7707083893;773601001',
        '7736 050 003',
        '7702-070-139',
        'ИНН 7707083893 КПП 784243001',
        '"7728168971","772801001"',
        '',
        '500100732259',
        '"ООО Ромашка";7736050003;773601001;01.02.2024;+7 495 123-45-67',
      ].join('\r\n'),
    );
    expect(lines.map((l) => [l.line, l.inn, l.kpp, l.error])).toEqual([
      [2, '7707083893', null, null],
      [3, '7707083893', '773601001', null],
      [4, '7736050003', null, null],
      [5, '7702070139', null, null],
      [6, '7707083893', '784243001', null],
      [7, '7728168971', '772801001', null],
      [9, '500100732259', null, null],
      [10, '7736050003', '773601001', null],
    ]);
  });

  it('takes a KPP only where the cell after the INN looks like one: a name, a phone or a date there is not read', () => {
    const { lines } = parseInnList(
      ['2818113431;ООО Ромашка', '7707083893;+7 495 123-45-67', '7736050003;01.02.2024', '7702070139;Romashka LLC', '7728168971;772801001'].join('\n'),
    );
    expect(lines.map((l) => [l.inn, l.kpp, l.error])).toEqual([
      ['2818113431', null, null],
      ['7707083893', null, null],
      ['7736050003', null, null],
      ['7702070139', null, null],
      ['7728168971', '772801001', null],
    ]);
  });

  it('gives an INN or KPP stored as a number its leading zero back where the checksum confirms it, and says so', () => {
    const { lines } = parseInnList(['274062111;27401001', '274062112', '"ООО";274062111;027401001'].join('\n'));
    expect(lines.map((l) => [l.inn, l.kpp, l.error, l.note])).toEqual([
      ['0274062111', '027401001', null, 'ведущий ноль ИНН восстановлен (в файле 274062111); ведущий ноль КПП восстановлен (в файле 27401001)'],
      [null, null, 'Ожидается ИНН (10 или 12 цифр) или ИНН и КПП (10 и 9 символов)', null],
      ['0274062111', '027401001', 'Повтор строки 1', 'ведущий ноль ИНН восстановлен (в файле 274062111)'],
    ]);
  });

  it('names what is wrong: a checksum, a length, a KPP, a repeated line', () => {
    const { lines } = parseInnList(['7707083894', '77070838', '7707083893;7736', '7707083893 77360100Ж', '7707083893', '7707083893'].join('\n'));
    expect(lines.map((l) => l.error)).toEqual([
      'ИНН 7707083894: неверная контрольная сумма',
      'Ожидается ИНН (10 или 12 цифр) или ИНН и КПП (10 и 9 символов)',
      'КПП должен состоять из 9 символов вида NNNNPPXXX (P — цифра или латинская буква), получено «7736»',
      'Ожидается ИНН (10 или 12 цифр) или ИНН и КПП (10 и 9 символов)',
      null,
      'Повтор строки 5',
    ]);
  });

  it('stops at the limit and says so', () => {
    const text = Array.from({ length: 12 }, () => '7707083893').join('\n');
    expect(parseInnList(text, 10)).toMatchObject({ tooMany: true });
    expect(parseInnList(text, 10).lines).toHaveLength(10);
    expect(parseInnList(text, 12).tooMany).toBe(false);
  });
});
