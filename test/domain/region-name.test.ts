import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../migrations/reference-data.js';
import { createRegionMatcher, regionOfPostRow, regionWords } from '../../src/domain/region-name.js';
import { postSpelling } from '../../src/postal-index/pindx-generator.js';

const matcher = createRegionMatcher(REGIONS);
const regionId = (region: string, autonom = '') => regionOfPostRow(matcher, region, autonom).regionId;

describe('Russian Post region names → our regions', () => {
  it.each(REGIONS.map((r) => [r.id, r.name] as const))('maps region %i (%s) in Russian Post spelling', (id, name) => {
    const spelling = postSpelling({ id, name });
    expect(regionId(spelling.REGION, spelling.AUTONOM)).toBe(id);
    expect(regionId(spelling.REGION.toUpperCase(), spelling.AUTONOM.toUpperCase())).toBe(id);
  });

  it.each(REGIONS.map((r) => [r.id, r.name] as const))('maps region %i (%s) as we spell it', (id, name) => {
    expect(matcher(name)).toBe(id);
  });

  it.each([
    ['Чувашия Республика', '', 21],
    ['ЧУВАШИЯ РЕСПУБЛИКА', '', 21],
    ['Саха (Якутия) Республика', '', 14],
    ['Якутия', '', 14],
    ['', 'Ханты-Мансийский-Югра автономный округ', 86],
    ['Тюменская область', 'Ханты-Мансийский-Югра автономный округ', 86],
    ['Тюменская область', 'Ямало-Ненецкий автономный округ', 89],
    ['Тюменская область', '', 72],
    ['Кемеровская область', '', 42],
    ['КЕМЕРОВСКАЯ ОБЛАСТЬ', '', 42],
    ['Северная Осетия-Алания Республика', '', 15],
    ['Северная Осетия - Алания Республика', '', 15],
    ['Кабардино-Балкарская Республика', '', 7],
    ['Марий Эл Республика', '', 12],
    ['Байконур', '', 99],
    ['г. Байконур', '', 99],
    ['КАЗАХСТАН', '', 99],
    ['Германия', '', 99],
    ['ПЕРМСКИЙ КРАЙ', '', 59],
    ['АРХАНГЕЛЬСКАЯ ОБЛАСТЬ', '', 29],
    ['Архангельская область', 'Ненецкий автономный округ', 83],
    ['БУРЯТИЯ РЕСПУБЛИКА', '', 3],
    ['МОСКВА', '', 77],
    ['Московская область', '', 50],
    ['САНКТ-ПЕТЕРБУРГ', '', 78],
    ['Санкт Петербург', '', 78],
    ['ЧУКОТСКИЙ АВТОНОМНЫЙ ОКРУГ', '', 87],
    ['Еврейская автономная область', '', 79],
    ['Алтай Республика', '', 4],
    ['Алтайский край', '', 22],
    ['Орёл', '', null],
  ])('REGION «%s», AUTONOM «%s» → %s', (region, autonom, expected) => {
    expect(regionId(region, autonom)).toBe(expected);
  });

  it.each(['СОВЕТСКАЯ РЕСПУБЛИКА', 'Республика', 'область', 'Автономный округ', '', 'Агинский Бурятский автономный округ'])(
    'leaves «%s» unmapped rather than guessing',
    (name) => {
      expect(regionId(name)).toBeNull();
    },
  );

  it('falls back to REGION when AUTONOM names no subject of ours, and reports the name it used', () => {
    expect(regionOfPostRow(matcher, 'Забайкальский край', 'Агинский Бурятский автономный округ')).toEqual({ regionId: 75, sourceName: 'Забайкальский край' });
    expect(regionOfPostRow(matcher, '', 'Неизвестный автономный округ')).toEqual({ regionId: null, sourceName: 'Неизвестный автономный округ' });
  });

  it('compares words ignoring case, ё, hyphens, dashes and parentheses', () => {
    expect(regionWords('Саха (Якутия) — Республика, Орёл')).toEqual(['саха', 'якутия', 'республика', 'орел']);
  });
});
