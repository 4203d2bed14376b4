import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ru } from '../../src/engine/admin/locale/ru.js';

const flatten = (value: unknown, prefix = ''): Record<string, string> => {
  if (typeof value !== 'object' || value === null) return { [prefix]: String(value) };
  return Object.entries(value).reduce<Record<string, string>>((acc, [key, inner]) => ({ ...acc, ...flatten(inner, prefix ? `${prefix}.${key}` : key) }), {});
};

describe('Russian locale of the AdminJS interface', () => {
  const enPath = path.resolve('node_modules/adminjs/lib/locale/en/translation.json');
  const english = flatten(JSON.parse(readFileSync(enPath, 'utf8')));
  const russian = flatten(ru);

  it('translates every key of AdminJS English file', () => {
    const missing = Object.keys(english).filter((key) => !(key in russian));
    expect(missing).toEqual([]);
  });

  it('has no English text left in it (only names such as AdminJS, ID, IP, DNS)', () => {
    const english_words = Object.entries(russian).filter(([, text]) => /\b(the|and|record|records|Create|Delete|Filter|Save)\b/.test(text));
    expect(english_words).toEqual([]);
  });

  it('has the Russian plural forms for counted messages', () => {
    for (const key of ['buttons.confirmRemovalMany', 'messages.successfullyBulkDeleted', 'messages.theseRecordsWillBeRemoved']) {
      for (const form of ['one', 'few', 'many', 'other']) expect(russian[`${key}_${form}`], `${key}_${form}`).toBeTruthy();
    }
  });
});
