import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, fromPickerValue, toPickerValue } from '../../components/engine/date-format.js';

describe('panel date formatting', () => {
  it('shows DATE strings as dd.MM.yyyy without going through Date', () => {
    expect(formatDate('2020-01-01')).toBe('01.01.2020');
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
  });

  it('shows timestamps in the registry time zone', () => {
    expect(formatDateTime('2024-03-01T21:30:00.000Z', 'Europe/Moscow')).toBe('02.03.2024 00:30');
    expect(formatDateTime('2024-03-01T21:30:00.000Z', 'UTC')).toBe('01.03.2024 21:30');
  });

  it('round-trips a day through the picker (local midnight, then back to the local day)', () => {
    const picked = new Date(toPickerValue('2024-03-01')).toISOString(); // what the picker reports
    expect(fromPickerValue(picked)).toBe('2024-03-01');
    expect(toPickerValue('2024-12-31')).toBe('2024-12-31T00:00:00');
    expect(fromPickerValue('')).toBeNull();
    expect(fromPickerValue(null)).toBeNull();
  });
});
