import { describe, expect, it } from 'vitest';
import { parseActDate, parsePostalIndexRecord, postalCodesIn } from '../../src/domain/postal-index.js';

describe('PIndx rows', () => {
  it('cleans a row: trims, folds spaces, empty text is null, ACTDATE as YYYY-MM-DD', () => {
    expect(
      parsePostalIndexRecord({
        INDEX: '101000',
        OPSNAME: ' Москва  101 ',
        REGION: 'Москва ',
        AUTONOM: '',
        AREA: '',
        CITY: 'Москва',
        ACTDATE: new Date(Date.UTC(2021, 7, 2)),
      }),
    ).toEqual({
      ok: true,
      row: { index: '101000', opsName: 'Москва 101', region: 'Москва', autonom: '', area: null, locality: 'Москва', actualizedOn: '2021-08-02' },
    });
  });

  it.each(['12345', '1234567', 'ABCDEF', '', '10100O'])('skips the malformed INDEX «%s»', (index) => {
    expect(parsePostalIndexRecord({ INDEX: index })).toEqual({ ok: false, reason: 'malformed-index', index });
  });

  it('reads ACTDATE as a DBF date or as YYYYMMDD text', () => {
    expect(parseActDate('20210802')).toBe('2021-08-02');
    expect(parseActDate(new Date(Date.UTC(1999, 0, 9)))).toBe('1999-01-09');
    expect(parseActDate('')).toBeNull();
    expect(parseActDate(new Date(Number.NaN))).toBeNull();
  });

  it('finds stand-alone six-digit postal codes in an address', () => {
    expect(postalCodesIn('428038, Чувашская Республика, г. Чебоксары; 450112 Уфа, тел. 88005553535')).toEqual(['428038', '450112']);
    expect(postalCodesIn(null)).toEqual([]);
  });
});
