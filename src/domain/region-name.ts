/**
 * Maps Russian Post's region names (PIndx REGION / AUTONOM columns) to our regions. Pure: no I/O.
 *
 * Russian Post spells subjects in its own way: word order ("Чувашия Республика" for "Чувашская Республика -
 * Чувашия", "Саха (Якутия) Республика"), hyphens ("Ханты-Мансийский-Югра автономный округ"), short forms
 * ("Кемеровская область" for "Кемеровская область - Кузбасс"), upper case ("МОСКВА"). So names are compared as
 * sets of words (case, ё/е, hyphens, dashes and parentheses ignored):
 *   1. an explicit alias (the real exceptions, below);
 *   2. the same set of words as one of our names;
 *   3. the Post's words all contained in exactly one of our names, provided at least one of them is
 *      distinctive (not just "область", "республика", ...).
 * Anything else is unmapped (null): the caller stores the row without a region and reports it.
 */
export interface RegionName {
  id: number;
  name: string;
}

/** Generic words that alone never identify a subject. */
const GENERIC_WORDS = new Set(['республика', 'область', 'край', 'автономный', 'автономная', 'округ', 'город', 'г', 'федерального', 'значения']);

/**
 * Real exceptions, by the Post's name (normalised), to a region code. As in the original system
 * (`cast_reg_pochta_to_constitute`), post offices abroad and Baikonur belong to 99 «Иные территории,
 * включая город и космодром Байконур».
 */
export const REGION_ALIASES: ReadonlyMap<string, number> = new Map([
  ['казахстан', 99],
  ['байконур', 99],
  ['г байконур', 99],
  ['германия', 99],
  ['южная осетия', 99],
  ['абхазия', 99],
]);

export function regionWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
}

const key = (words: string[]) => [...new Set(words)].sort().join(' ');

export type RegionMatcher = (postName: string) => number | null;

export function createRegionMatcher(regions: readonly RegionName[]): RegionMatcher {
  const byWordSet = new Map<string, number>();
  const wordSets = regions.map((region) => ({ id: region.id, words: new Set(regionWords(region.name)) }));
  for (const { id, words } of wordSets) byWordSet.set(key([...words]), id);
  const cache = new Map<string, number | null>();

  const byRawName = new Map<string, number | null>();
  return (postName: string) => {
    const known = byRawName.get(postName);
    if (known !== undefined) return known;
    const words = regionWords(postName);
    if (words.length === 0) return null;
    const wordKey = key(words);
    const cached = cache.get(wordKey);
    if (cached !== undefined) {
      byRawName.set(postName, cached);
      return cached;
    }

    let found: number | null = REGION_ALIASES.get(words.join(' ')) ?? byWordSet.get(wordKey) ?? null;
    if (found === null && words.some((word) => !GENERIC_WORDS.has(word))) {
      const candidates = wordSets.filter((region) => words.every((word) => region.words.has(word)));
      if (candidates.length === 1) found = (candidates[0] as { id: number }).id;
    }
    cache.set(wordKey, found);
    byRawName.set(postName, found);
    return found;
  };
}

/**
 * The region of a PIndx row: the autonomous okrug when AUTONOM names one of our subjects (it is a subject of
 * its own even when REGION names the oblast around it), otherwise REGION, otherwise AUTONOM as written.
 */
export function regionOfPostRow(matcher: RegionMatcher, region: string, autonom: string): { regionId: number | null; sourceName: string } {
  if (autonom !== '') {
    const autonomId = matcher(autonom);
    if (autonomId !== null) return { regionId: autonomId, sourceName: autonom };
  }
  if (region !== '') return { regionId: matcher(region), sourceName: region };
  return { regionId: null, sourceName: autonom };
}
