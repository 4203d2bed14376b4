import { describe, expect, it } from 'vitest';
import { normalizeSearchText, prefixUpperBound, searchWords, wordsStartIn } from '../../src/domain/search-text.js';

describe('search text', () => {
  it('lower-cases Russian and Latin, folds ё into е, turns punctuation into spaces', () => {
    expect(normalizeSearchText('ООО «Ёлка-2» "Test" №5')).toBe('ооо елка 2 test 5');
    expect(normalizeSearchText('АО "РОМАШКА"')).toBe('ао ромашка ');
  });

  it('splits a query into words and numbers, without repeats', () => {
    expect(searchWords('  "Ромашка"  Москва 7707 ромашка')).toEqual({ words: ['ромашка', 'москва'], numbers: ['7707'] });
    expect(searchWords(' «» — ')).toBeNull();
  });

  it('turns a digit prefix into a range bound', () => {
    expect(prefixUpperBound('7707')).toBe('7708');
    expect(prefixUpperBound('7709')).toBe('771');
    expect(prefixUpperBound('7799')).toBe('78');
    expect(prefixUpperBound('999')).toBeNull();
  });

  it('a short list answers what is typed: every typed word starts a word of the name (case and ё/е ignored)', () => {
    expect(wordsStartIn('Сидоров Пётр sidorov@cert.test', 'Сидор')).toBe(true);
    expect(wordsStartIn('Сидоров Пётр', 'петр сид')).toBe(true);
    expect(wordsStartIn('Васильев Иван', 'Сидор')).toBe(false);
    expect(wordsStartIn('Васильев Иван', 'ильев')).toBe(false); // a word's start, not its middle
    expect(wordsStartIn('Васильев Иван', '')).toBe(true);
  });
});
