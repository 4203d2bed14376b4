/**
 * What a record brought from the old service says about its origin (legacy_ids, legacy_runs), in Russian. Pure.
 */
export interface LegacyOrigin {
  oldId: string;
  outcome: 'imported' | 'merged' | 'skipped';
  /** the old record's own dates (date_added, date_updated): instants */
  oldCreated: string | Date | null;
  oldUpdated: string | Date | null;
  /** values the registry could not hold, by field */
  notes: Record<string, string> | null;
  runAt: string | Date;
  runBy: string | null;
}

const day = (value: string | Date | null, timeZone: string): string | null => {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
};

/** Values set aside at the move-in: «КПП «12345»; Категория «7»». */
export const setAsideText = (notes: Record<string, string> | null): string | null =>
  notes && Object.keys(notes).length > 0
    ? Object.entries(notes)
        .map(([field, value]) => `${field} «${value}»`)
        .join('; ')
    : null;

/** The card's «№ в старой системе»: the number, and what did not come across. */
export function legacyNumberText(origin: Pick<LegacyOrigin, 'oldId' | 'outcome' | 'notes'>): string {
  const aside = setAsideText(origin.notes);
  return `${origin.oldId}${origin.outcome === 'merged' ? ' (объединена с этой записью при переносе)' : ''}${aside ? `; не перенесено: ${aside}` : ''}`;
}

/** The note of the record's first history line «Перенесено из старой системы». */
export function legacyHistoryNote(origin: LegacyOrigin, timeZone: string): string {
  const parts = [`№ в старой системе: ${origin.oldId}`];
  const created = day(origin.oldCreated, timeZone);
  const updated = day(origin.oldUpdated, timeZone);
  if (created) parts.push(`добавлена там ${created}`);
  if (updated && updated !== created) parts.push(`изменена там ${updated}`);
  parts.push(`перенесена ${day(origin.runAt, timeZone) ?? ''}`.trim());
  const aside = setAsideText(origin.notes);
  if (aside) parts.push(`не перенесено: ${aside}`);
  return parts.join('; ');
}
