import { instantText } from './describe-entry.js';

/**
 * A save over a record that someone else changed since the form was opened (optimistic concurrency). The change
 * history's entries since the form's version tell what they changed, with the value the form was opened with (the
 * first entry's «old»). A field the clerk left as it was takes the other's value; a field both changed keeps the
 * clerk's value and is flagged with the other's; the clerk sees it and saves again.
 */
export interface ChangeSince {
  actorName: string;
  at: Date | string;
  /** {column: [old, new]} as the history records it. */
  changes: Record<string, [unknown, unknown]>;
}

export interface ConcurrentEdit {
  /** The properties someone else changed, in the order first changed. */
  changed: string[];
  /** Param values to put into the form: the others' values where the clerk had not changed the field. */
  taken: Record<string, unknown>;
  /** Properties both changed, with the value saved by the other (as text). */
  clashes: Record<string, string>;
  message: string;
}

/** Values as the form and the history compare them: empty is empty, a timestamp is its instant. */
export function comparable(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  const text = String(value).trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  return text;
}

export function concurrentEdit(input: {
  since: ChangeSince[];
  /** The history's column name → the form's property (columns the form does not edit are left out). */
  propertyOf: (column: string) => string | undefined;
  labelOf: (property: string) => string;
  submitted: Record<string, unknown>;
  /** The record as it is now, as form params. */
  current: Record<string, unknown>;
  timeZone: string;
}): ConcurrentEdit | null {
  const opened = new Map<string, unknown>();
  for (const entry of input.since) {
    for (const [column, [old]] of Object.entries(entry.changes)) {
      const property = column === 'version' ? undefined : input.propertyOf(column);
      if (property && !opened.has(property)) opened.set(property, old);
    }
  }
  if (opened.size === 0) return null; // nothing a person changed: the save goes ahead
  const taken: Record<string, unknown> = {};
  const clashes: Record<string, string> = {};
  for (const [property, openedWith] of opened) {
    const mine = comparable(input.submitted[property]);
    const theirs = comparable(input.current[property]);
    if (mine === theirs) continue;
    if (!(property in input.submitted) || mine === comparable(openedWith)) taken[property] = input.current[property] ?? '';
    else clashes[property] = theirs === '' ? 'пусто' : String(input.current[property]);
  }
  const actors = [...new Set(input.since.map((e) => e.actorName))].join(', ');
  const last = input.since.at(-1)!;
  const fields = [...opened.keys()].map(input.labelOf).join(', ');
  const clashText =
    Object.keys(clashes).length > 0
      ? ` В полях, которые вы тоже меняли (${Object.keys(clashes).map(input.labelOf).join(', ')}), оставлено ваше значение, а сохранённое показано под полем.`
      : '';
  return {
    changed: [...opened.keys()],
    taken,
    clashes,
    message:
      `Запись изменена другим пользователем (${actors}, ${instantText(last.at, input.timeZone)}): ${fields}. ` +
      `Ничего не сохранено. Их значения подставлены в форму.${clashText} Проверьте и сохраните ещё раз.`,
  };
}
