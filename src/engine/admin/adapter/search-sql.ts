import { prefixUpperBound, searchWords } from '../../../domain/search-text.js';
import type { Bind, VirtualFilter } from './filter-sql.js';

/** Building blocks of the features' virtual filters: SQL on the list's alias `e` (see RegistryResource). */

/** Positive whole numbers of a comma-separated filter value. */
export const ids = (value: string): number[] =>
  value
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

/** Each word occurs in `expression` (one LIKE each, served by a trigram index). */
export const likeAll = (expression: string, words: string[], bind: Bind) => words.map((word) => `${expression} LIKE ${bind(`%${word}%`)}`);

/** `column` starts with the digits `number`: a range, which the column's B-tree index serves. */
export function digitPrefix(column: string, number: string, bind: Bind): string {
  const upper = prefixUpperBound(number);
  return upper ? `(${column} >= ${bind(number)} AND ${column} < ${bind(upper)})` : `${column} >= ${bind(number)}`;
}

/** Digits start one of the columns (a range, served by their B-tree indexes); from 3 digits they may also occur in the text. */
export function numberCondition(number: string, columns: string[], text: string | null, bind: Bind): string {
  const ranges = columns.map((column) => digitPrefix(column, number, bind));
  if (text && number.length >= 3) ranges.push(`${text} LIKE ${bind(`%${number}%`)}`);
  return ranges.join(' OR ');
}

/**
 * The normalised text of a row, kept by a trigger and indexed with trigrams (migration 1795816302825): an
 * organization's names, a letter's numbers and text, a resource's name and registration number.
 */
export const SEARCH_TEXT = `"e"."search_text"`;

/** Every word (and number) must occur in the normalised text. */
export const textSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  cappedCount: true,
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return likeAll(SEARCH_TEXT, [...search.words, ...search.numbers], bind).join(' AND ');
  },
};
