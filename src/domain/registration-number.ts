/**
 * «Наш номер» of a letter from a pattern (issue 15), pure. A pattern is text with `{n}`, the running number within a
 * direction and year, and optionally `{yyyy}` or `{yy}`: `ВХ-{n}`, `ИСХ-{n}/{yy}`, `161-10-11/{n}`. Numbers are
 * compared as registration_number_key compares them (case, spaces and punctuation ignored), so «вх 7» counts.
 */
import { registrationNumberKey } from './search-text.js';

const TOKENS = /\{(n|yyyy|yy)\}/g;

/** Why a pattern cannot number letters, in Russian; null when it can. */
export function patternProblem(pattern: string): string | null {
  const counters = pattern.match(/\{n\}/g)?.length ?? 0;
  if (counters !== 1) return `шаблон номера должен содержать {n} ровно один раз (например ВХ-{n}), получено «${pattern}»`;
  const unknown = pattern.replace(TOKENS, '').match(/\{[^}]*\}/);
  if (unknown) return `в шаблоне номера неизвестная подстановка ${unknown[0]}: допустимы {n}, {yyyy}, {yy}`;
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern for `year` as a regular expression over registration number keys, `{n}` captured. */
function keyExpression(pattern: string, year: number): RegExp {
  const parts = pattern.split(TOKENS); // text, token, text, token, …
  let source = '';
  parts.forEach((part, index) => {
    if (index % 2 === 0) source += escapeRegExp(registrationNumberKey(part));
    else if (part === 'n') source += '(\\d+)';
    else source += part === 'yyyy' ? String(year) : String(year % 100).padStart(2, '0');
  });
  return new RegExp(`^${source}$`);
}

/** The pattern with its tokens filled. */
export function formatNumber(pattern: string, year: number, n: number): string {
  return pattern.replace(TOKENS, (_token, name: string) => (name === 'n' ? String(n) : name === 'yyyy' ? String(year) : String(year % 100).padStart(2, '0')));
}

/** The next free number: one more than the largest `{n}` among `existing` numbers of that year that fit the pattern. */
export function nextRegistrationNumber(pattern: string, year: number, existing: readonly string[]): string {
  const expression = keyExpression(pattern, year);
  let largest = 0;
  for (const number of existing) {
    const n = expression.exec(registrationNumberKey(number))?.[1];
    if (n !== undefined && n.length < 10) largest = Math.max(largest, Number(n));
  }
  return formatNumber(pattern, year, largest + 1);
}
