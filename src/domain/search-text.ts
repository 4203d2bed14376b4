/**
 * The registry's search text (pure), the same rules as the SQL function `registry_search_text` (migration
 * 1795816302825): Russian and Latin letters in lower case, ё as е, every other character (quotes,
 * punctuation, №) a word break. A test checks that both give the same text.
 */

const UPPER = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const LOWER = 'абвгдежзийклмнопрстуфхцчшщъыьэюя';

/** translate() arguments of the SQL function: Ё/ё → е, Russian capitals → lower case. */
export const SEARCH_TRANSLATE_FROM = `Ёё${UPPER}`;
export const SEARCH_TRANSLATE_TO = `ее${LOWER}`;

export function normalizeSearchText(text: string): string {
  let translated = '';
  for (const char of text) {
    const at = SEARCH_TRANSLATE_FROM.indexOf(char);
    translated += at >= 0 ? SEARCH_TRANSLATE_TO[at] : char;
  }
  return translated.toLowerCase().replace(/[^0-9a-zа-я]+/g, ' ');
}

/**
 * Whether every word typed starts a word of `text` («сидор» → «Сидоров Пётр», «пётр сид» too; case and ё/е as the
 * search box ignores them): how a short list (the executors) answers what is typed into its picker.
 */
export function wordsStartIn(text: string, query: string): boolean {
  const typed = normalizeSearchText(query).split(' ').filter(Boolean);
  const words = normalizeSearchText(text).split(' ').filter(Boolean);
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}

export interface SearchWords {
  /** Words with letters: each must occur in the name. */
  words: string[];
  /** Numbers: each must start the INN, KPP or OGRN (or, from 3 digits, occur in the name). */
  numbers: string[];
}

const MAX_WORDS = 8;

/**
 * A number typed in groups, «7707 083 893» or «77-07-08-38-93», as the one number it is; null for anything else.
 * Groups of 9 digits or more are whole codes on their own («7707083893 773601001» is an INN and a KPP). Pure.
 */
export function joinedDigitGroups(query: string): string | null {
  if (!/^[\d\s.\-‐–—]+$/.test(query)) return null;
  const groups = query.split(/[\s.\-‐–—]+/).filter((group) => group !== '');
  if (groups.length < 2 || groups.some((group) => group.length >= 9)) return null;
  return groups.join('');
}

/** A search box's text split into what must all match; null when nothing is left to search for. */
export function searchWords(query: string): SearchWords | null {
  const joined = joinedDigitGroups(query);
  if (joined) return { words: [], numbers: [joined] };
  const parts = normalizeSearchText(query)
    .split(' ')
    .filter((part) => part !== '');
  const unique = [...new Set(parts)].slice(0, MAX_WORDS);
  const words = unique.filter((part) => !/^[0-9]+$/.test(part));
  const numbers = unique.filter((part) => /^[0-9]+$/.test(part));
  return words.length + numbers.length > 0 ? { words, numbers } : null;
}

/**
 * The smallest digit string greater than every string starting with `prefix` ('7707' → '7708', '7709' → '771'),
 * or null when there is none ('999'): prefix search as a range, which any B-tree index serves.
 */
export function prefixUpperBound(prefix: string): string | null {
  const digits = prefix.replace(/9+$/, '');
  if (digits === '') return null;
  return digits.slice(0, -1) + String(Number(digits.at(-1)) + 1);
}

/** The longest run of letters a registration number may have: «ВХ», «ИСХ», «ФСТЭК», «ДСП». */
const NUMBER_LETTERS = 5;

/**
 * A registration number reduced to what identifies it: letters in lower case (ё as е) and digits, nothing else,
 * so «ИСХ-1234», «исх 1234» and «Исх.№1234» are one number. The same rule as the SQL function
 * `registration_number_key` (migration 1795816302831). Pure.
 */
export function registrationNumberKey(text: string): string {
  return normalizeSearchText(text).replace(/[^0-9a-zа-я]/g, '');
}

/**
 * The search box's text as a registration number, when it looks like one: it has a digit, and no word longer
 * than a number's prefix («ИСХ-1234», «161-10-11/22», «1234»); null for words («о направлении 12»). Pure.
 */
export function registrationNumberQuery(query: string): string | null {
  if (!/\d/.test(query) || query.length > 60) return null;
  const letterRuns = normalizeSearchText(query).match(/[a-zа-я]+/g) ?? [];
  if (letterRuns.some((run) => run.length > NUMBER_LETTERS)) return null;
  const key = registrationNumberKey(query);
  return key === '' ? null : key;
}
