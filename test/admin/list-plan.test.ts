import { describe, expect, it } from 'vitest';
import { planForCommonMatches } from '../../src/engine/admin/adapter/list-plan.js';

/** When a list of common matches walks its sort index, and when it counts further first (100,000-row walk budget). */
describe('planForCommonMatches', () => {
  it.each([
    // «беркут» among 3M letters, page 1: 20 × 3M / 1001 ≈ 60,000 rows — walk
    [{ matchesAtLeast: 1001, rowsNeeded: 20, tableRows: 3_000_000 }, 'walk'],
    // page 2: the walk is short enough only with 1,200 matches or more — count that far first
    [{ matchesAtLeast: 1001, rowsNeeded: 40, tableRows: 3_000_000 }, { countUpTo: 1200 }],
    // page 10: count up to 6,000
    [{ matchesAtLeast: 1001, rowsNeeded: 200, tableRows: 3_000_000 }, { countUpTo: 6000 }],
    // page 17: it would take counting over 10,000 matches — sort them instead
    [{ matchesAtLeast: 1001, rowsNeeded: 340, tableRows: 3_000_000 }, 'sort'],
    // a known density is enough on its own
    [{ matchesAtLeast: 6001, rowsNeeded: 200, tableRows: 3_000_000 }, 'walk'],
    // a small table walks every page
    [{ matchesAtLeast: 1001, rowsNeeded: 1000, tableRows: 100_000 }, 'walk'],
  ])('%o → %o', (input, plan) => {
    expect(planForCommonMatches(input)).toEqual(plan);
  });
});
