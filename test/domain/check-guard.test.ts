import { describe, expect, it } from 'vitest';
import { guardThreshold, guardVerdict } from '../../src/domain/check-guard.js';
import type { EgrulCheckStatus } from '../../src/domain/egrul-compare.js';

const window = (counts: Partial<Record<EgrulCheckStatus, number>>): EgrulCheckStatus[] =>
  Object.entries(counts).flatMap(([status, n]) => Array.from({ length: n ?? 0 }, () => status as EgrulCheckStatus));

describe('the EGRUL check’s guard', () => {
  it('has a threshold of 30 %, or three times the previous share, or 20 points over it, at most 90 %', () => {
    expect(guardThreshold(0)).toBe(0.3);
    expect(guardThreshold(0.05)).toBe(0.3);
    expect(guardThreshold(0.15)).toBeCloseTo(0.45);
    expect(guardThreshold(0.6)).toBe(0.9);
  });

  it('lets real change through and stops what a reloading or broken service gives', () => {
    const none = { missing: 0.02, failed: 0 };
    expect(guardVerdict(window({ actual: 90, changed: 6, missing: 4 }), none)).toBeNull();
    expect(guardVerdict(window({ actual: 71, missing: 29 }), none)).toBeNull();
    expect(guardVerdict(window({ actual: 70, missing: 30 }), none)).toMatchObject({ status: 'missing', count: 30, of: 100 });
    expect(guardVerdict(window({ actual: 16, failed: 84 }), none)).toMatchObject({ status: 'failed', count: 84 });
    // a register mostly unknown to EGRUL before is judged against its own past
    expect(guardVerdict(window({ actual: 60, missing: 40 }), { missing: 0.25, failed: 0 })).toBeNull();
  });

  it('says nothing on fewer than 20 results', () => {
    expect(guardVerdict(window({ missing: 19 }), { missing: 0, failed: 0 })).toBeNull();
    expect(guardVerdict(window({ missing: 20 }), { missing: 0, failed: 0 })).not.toBeNull();
  });
});
