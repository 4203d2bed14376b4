import { describe, expect, it } from 'vitest';
import { comparable, concurrentEdit } from '../../src/domain/concurrent-edit.js';

describe('a save over a record changed by someone else', () => {
  const base = {
    propertyOf: (column: string) => ({ contacts: 'contacts', boss_fio: 'bossFio', date_agreement: 'dateAgreement' })[column],
    labelOf: (property: string) => ({ contacts: 'Контакты', bossFio: 'Руководитель', dateAgreement: 'Дата соглашения' })[property] ?? property,
    timeZone: 'Europe/Moscow',
  };
  const since = [
    {
      actorName: 'Иванова',
      at: '2026-12-07T07:10:00Z',
      changes: { contacts: ['тел. 100', 'тел. 200'], version: [1, 2] } as Record<string, [unknown, unknown]>,
    },
    {
      actorName: 'Смирнов',
      at: '2026-12-07T07:12:00Z',
      changes: { date_agreement: [null, '2026-12-01'], version: [2, 3] } as Record<string, [unknown, unknown]>,
    },
  ];

  it('takes their values for the fields the clerk left, and names who changed what, when', () => {
    const edit = concurrentEdit({
      ...base,
      since,
      submitted: { contacts: 'тел. 100', bossFio: 'Петрова', dateAgreement: '' },
      current: { contacts: 'тел. 200', bossFio: 'Сидоров', dateAgreement: '2026-12-01' },
    });
    expect(edit).toEqual({
      changed: ['contacts', 'dateAgreement'],
      taken: { contacts: 'тел. 200', dateAgreement: '2026-12-01' },
      clashes: {},
      message:
        'Запись изменена другим пользователем (Иванова, Смирнов, 07.12.2026 10:12): Контакты, Дата соглашения. Ничего не сохранено. Их значения подставлены в форму. Проверьте и сохраните ещё раз.',
    });
  });

  it('keeps the clerk’s value where both changed a field, and reports the other’s', () => {
    const edit = concurrentEdit({ ...base, since: since.slice(0, 1), submitted: { contacts: 'тел. 300' }, current: { contacts: 'тел. 200' } });
    expect(edit?.taken).toEqual({});
    expect(edit?.clashes).toEqual({ contacts: 'тел. 200' });
    expect(edit?.message).toContain('В полях, которые вы тоже меняли (Контакты), оставлено ваше значение');
  });

  it('is no conflict when nothing a person sees changed, or the clerk typed the same value', () => {
    expect(concurrentEdit({ ...base, since: [], submitted: {}, current: {} })).toBeNull();
    const onlyVersion = [{ actorName: 'x', at: '2026-12-07T07:10:00Z', changes: { version: [1, 2] } as Record<string, [unknown, unknown]> }];
    expect(concurrentEdit({ ...base, since: onlyVersion, submitted: {}, current: {} })).toBeNull();
    const same = concurrentEdit({ ...base, since: since.slice(0, 1), submitted: { contacts: 'тел. 200' }, current: { contacts: 'тел. 200' } });
    expect(same?.taken).toEqual({});
    expect(same?.clashes).toEqual({});
  });

  it('compares empty as empty and instants as instants', () => {
    expect(comparable(null)).toBe(comparable(''));
    expect(comparable('2026-12-07T10:00:00+03:00')).toBe(comparable(new Date('2026-12-07T07:00:00Z')));
    expect(comparable(' a ')).toBe('a');
  });
});
