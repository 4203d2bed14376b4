import { describe, expect, it } from 'vitest';
import { MAX_PERIOD_DAYS, PeriodError, monthsOf, periodOf } from '../../src/dashboard/period.js';

describe('the dashboard’s period, as the address carries it', () => {
  const today = '2026-12-07';
  it('the default is the last twelve months, from the first day of the eleventh month back', () => {
    expect(periodOf({}, today)).toMatchObject({ kind: '12m', from: '2026-01-01', to: today, label: '12 месяцев: 01.01.2026 — 07.12.2026' });
    expect(monthsOf(periodOf({}, today))).toHaveLength(12);
    expect(periodOf({}, '2026-02-28').from).toBe('2025-03-01');
  });
  it('month, quarter and year are the current calendar ones up to today', () => {
    expect(periodOf({ period: 'month' }, today)).toMatchObject({ from: '2026-12-01', to: today });
    expect(periodOf({ period: 'quarter' }, today)).toMatchObject({ from: '2026-10-01', to: today });
    expect(periodOf({ period: 'quarter' }, '2026-03-31')).toMatchObject({ from: '2026-01-01' });
    expect(periodOf({ period: 'quarter' }, '2026-04-01')).toMatchObject({ from: '2026-04-01' });
    expect(periodOf({ period: 'year' }, today)).toMatchObject({ from: '2026-01-01', to: today });
    expect(monthsOf(periodOf({ period: 'quarter' }, today))).toEqual(['2026-10', '2026-11', '2026-12']);
  });
  it('a custom period is checked: real dates, in order, at most ten years; each refusal names the field', () => {
    expect(periodOf({ period: 'custom', from: '2019-02-10', to: '2019-04-02' }, today)).toMatchObject({ from: '2019-02-10', to: '2019-04-02' });
    expect(monthsOf({ from: '2019-02-10', to: '2019-04-02' })).toEqual(['2019-02', '2019-03', '2019-04']);
    expect(() => periodOf({ period: 'custom', from: '2019-02-30', to: '2019-04-02' }, today)).toThrow(/поле «с»/);
    expect(() => periodOf({ period: 'custom', from: '2019-02-01' }, today)).toThrow(/поле «по»/);
    expect(() => periodOf({ period: 'custom', from: '2019-05-01', to: '2019-04-02' }, today)).toThrow(/позже/);
    expect(() => periodOf({ period: 'custom', from: '2000-01-01', to: '2019-01-01' }, today)).toThrow(/десяти лет/);
    expect(() => periodOf({ period: 'week' }, today)).toThrow(PeriodError);
    expect(monthsOf({ from: '2010-01-01', to: '2019-12-31' }).length).toBeLessThanOrEqual(Math.ceil(MAX_PERIOD_DAYS / 28));
  });
});
