/**
 * The change history in words (pure): an entry of audit_log as a Russian line a clerk reads — «ИНН: 7707083893 →
 * 7707083894», references by their titles, dates as dd.MM.yyyy, yes/no, select values by their labels, the
 * password only as «изменён».
 */

export type ColumnKind = 'text' | 'date' | 'timestamp' | 'boolean' | 'reference' | 'select' | 'secret';

export interface ColumnWords {
  label: string;
  kind: ColumnKind;
  /** The table a reference points to. */
  reference?: string;
  /** A select's labels by value. */
  options?: Record<string, string>;
}

export interface TableWords {
  /** The section's name («Организации»). */
  label: string;
  /** The panel's resource of the table's records (none for a link table). */
  resourceId?: string;
  /** A link table (a letter's organizations): its rows are added and removed, never edited. */
  link?: boolean;
  columns: Record<string, ColumnWords>;
}

/** What the describer knows: every recorded table's words. */
export type Vocabulary = Record<string, TableWords>;

export interface RawEntry {
  id: string;
  at: Date | string;
  actorId: number | null;
  actorName: string;
  source: string;
  action: string;
  tableName: string | null;
  recordId: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  details: Record<string, unknown> | null;
}

export interface DescribedChange {
  field: string;
  old: string | null;
  new: string | null;
}

export interface DescribedEntry {
  id: string;
  at: string;
  /** dd.MM.yyyy HH:mm in the registry's time zone. */
  atText: string;
  actor: string;
  source: string;
  action: string;
  actionText: string;
  table: string | null;
  tableText: string;
  recordId: string | null;
  changes: DescribedChange[];
  /** Counts, the address of a login, the command, a restore's origin. */
  note: string | null;
}

/** Reference titles by 'table:id'. */
export type Titles = Map<string, string>;

const SOURCE_TEXT: Record<string, string> = { panel: 'панель', egrul: 'импорт из ЕГРЮЛ', cli: 'командная строка', server: 'сервер', sql: 'SQL' };

export const ACTION_TEXT: Record<string, string> = {
  insert: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  soft_delete: 'Удаление (можно восстановить)',
  restore: 'Восстановление',
  bulk: 'Загрузка справочника',
  login: 'Вход',
  login_failed: 'Неудачный вход',
  logout: 'Выход',
  prune: 'Сокращение журнала',
  merge: 'Объединение организаций',
  merge_undo: 'Отмена объединения',
};

/** What a journal entry's record is, as its heading names it («Письмо Вх. № ВХ-15 от 01.12.2026»). */
export const RECORD_NOUNS: Record<string, string> = {
  organizations: 'Организация',
  messages: 'Письмо',
  organizations_messages: 'Связь письма с организацией:',
  duplicate_dismissals: 'Отметка «не дубль»:',
  resources: 'Ресурс',
  resources_regions: 'Регион ресурса:',
  resources_industries: 'Сфера ресурса:',
  responsibilities: 'Аутсорсинг',
  organization_documents: 'Документ',
  org_adm_docs: 'Вид документа',
  users: 'Пользователь',
  regions: 'Регион',
  okrugs: 'Федеральный округ',
  industries: 'Сфера КИИ',
  addresses: 'Почтовые индексы',
};

/** A journal entry's heading: its record by kind and title, else what happened and the entry's number. Pure. */
export function entryHeading(entry: Pick<RawEntry, 'id' | 'action' | 'tableName'>, recordTitle: string | null): string {
  const noun = entry.tableName ? RECORD_NOUNS[entry.tableName] : undefined;
  if (noun && recordTitle) return `${noun} ${recordTitle}`;
  return `${ACTION_TEXT[entry.action] ?? entry.action} — запись журнала № ${entry.id}`;
}

/** Actions whose label depends on the table: an organization or user is deactivated, not deleted. */
function actionText(action: string, table: string | null, link: boolean): string {
  if (link && action === 'insert') return 'Связь добавлена';
  if (link && action === 'delete') return 'Связь удалена';
  if (action === 'soft_delete' && (table === 'organizations' || table === 'users')) return 'Отключение';
  if (action === 'restore' && (table === 'organizations' || table === 'users')) return 'Включение';
  return ACTION_TEXT[action] ?? action;
}

/** 'YYYY-MM-DD' → 'dd.MM.yyyy'; anything else as it is. */
const ruDay = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value);

/** An instant as dd.MM.yyyy HH:mm in a time zone. */
export function instantText(value: Date | string, timeZone: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('ru-RU', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Longest value shown in a line of history (the whole text is in the record itself). */
export const VALUE_MAX = 300;

/** One value in words. */
export function valueText(value: unknown, column: ColumnWords | undefined, titles: Titles, timeZone: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (column?.kind === 'secret') return '••••';
  if (column?.kind === 'boolean' || typeof value === 'boolean') return value === true || value === 'true' ? 'да' : 'нет';
  if (column?.kind === 'reference' && column.reference) return titles.get(`${column.reference}:${String(value)}`) ?? `№${String(value)}`;
  if (column?.kind === 'select') return column.options?.[String(value)] ?? String(value);
  if (column?.kind === 'date') return ruDay(String(value));
  if (column?.kind === 'timestamp') return instantText(String(value), timeZone);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

/** Columns never shown as a change of their own: keys repeated by the record, and the search texts. */
const QUIET = new Set(['id', 'search_text', 'created_at', 'updated_at', 'uuid', 'version']);

function changesOf(entry: RawEntry, table: TableWords | undefined, titles: Titles, timeZone: string): DescribedChange[] {
  if (!entry.changes) return [];
  const out: DescribedChange[] = [];
  const order = table ? Object.keys(table.columns) : [];
  const keys = Object.keys(entry.changes).sort(
    (a, b) => (order.indexOf(a) === -1 ? 999 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 999 : order.indexOf(b)),
  );
  for (const key of keys) {
    const column = table?.columns[key];
    if (key === 'password_hash') {
      out.push({ field: 'Пароль', old: null, new: entry.action === 'insert' ? 'задан' : entry.action === 'delete' ? null : 'изменён' });
      continue;
    }
    if (QUIET.has(key)) continue;
    if (entry.action === 'delete' && (key === 'is_active' || key === 'deleted_at')) continue;
    const [before, after] = entry.changes[key]!;
    out.push({ field: column?.label ?? key, old: valueText(before, column, titles, timeZone), new: valueText(after, column, titles, timeZone) });
  }
  return out;
}

/** «карточка № 12 объединена с № 7; перенесено: писем 30 (3 уже были связаны с обеими), документов 1, …». */
function mergeNote(d: Record<string, unknown>): string {
  const head = `карточка № ${String(d.merged)} ${d.moved ? 'объединена с' : 'снова отдельно от'} № ${String(d.kept)} (объединение № ${String(d.merge)})`;
  const moved = d.moved as Record<string, unknown[] | null> | undefined;
  if (!moved) return head;
  const count = (key: string) => (Array.isArray(moved[key]) ? moved[key]!.length : 0);
  const parts = [
    [`писем`, count('letters') + count('lettersLinkedToBoth')],
    [`документов`, count('documents')],
    [`ресурсов`, count('resources')],
    [`записей аутсорсинга`, count('responsibilities')],
    [`филиалов`, count('branches')],
  ]
    .filter(([, n]) => Number(n) > 0)
    .map(([word, n]) => `${word} ${String(n)}`);
  const both = count('lettersLinkedToBoth') ? ` (${count('lettersLinkedToBoth')} уже были связаны с обеими)` : '';
  const staying = count('documentsStaying') ? `; документов того же вида осталось на объединённой карточке: ${count('documentsStaying')}` : '';
  return `${head}; перенесено: ${parts.length ? parts.join(', ') : 'ничего'}${both}${staying}`;
}

function noteOf(entry: RawEntry, timeZone: string): string | null {
  const d = entry.details ?? {};
  const parts: string[] = [];
  if (entry.action === 'bulk') {
    const counts = [
      ['inserted', 'добавлено'],
      ['updated', 'изменено'],
      ['deleted', 'удалено'],
    ]
      .filter(([key]) => d[key!] !== undefined)
      .map(([key, word]) => `${word} ${String(d[key!])}`);
    if ('truncated' in d) counts.push('таблица очищена');
    parts.push(counts.join(', '));
  }
  if (entry.action === 'bulk' && typeof d.legacySource === 'string') parts.push(`источник: ${d.legacySource}`);
  if (entry.action === 'prune') parts.push(`удалено записей: ${String(d.deleted ?? 0)} (до ${instantText(String(d.before), 'UTC').slice(0, 10)})`);
  if (entry.action === 'login_failed' && d.email) parts.push(`адрес почты: ${String(d.email)}`);
  if (entry.action === 'merge' || entry.action === 'merge_undo') parts.push(mergeNote(d));
  if (typeof d.command === 'string') parts.push(`команда: ${d.command}`);
  if (typeof d.restoredFrom === 'string') parts.push(`из записи журнала №${d.restoredFrom}`);
  if (typeof d.egrulCheck === 'string') parts.push(`взято из ЕГРЮЛ по сверке от ${instantText(d.egrulCheck, timeZone)}`);
  if (typeof d.address === 'string' && d.address !== '') parts.push(`адрес: ${d.address}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** An entry in words. */
export function describeEntry(entry: RawEntry, vocabulary: Vocabulary, titles: Titles, timeZone: string): DescribedEntry {
  const table = entry.tableName ? vocabulary[entry.tableName] : undefined;
  const at = entry.at instanceof Date ? entry.at.toISOString() : String(entry.at);
  return {
    id: String(entry.id),
    at,
    atText: instantText(at, timeZone),
    actor: entry.actorName,
    source: SOURCE_TEXT[entry.source] ?? entry.source,
    action: entry.action,
    actionText:
      entry.action === 'bulk' && entry.details?.legacyRun !== undefined
        ? 'Перенос из старой системы'
        : actionText(entry.action, entry.tableName, Boolean(table?.link)),
    table: entry.tableName,
    tableText: table?.label ?? (entry.tableName === 'audit_log' ? 'Журнал изменений' : (entry.tableName ?? '')),
    recordId: entry.recordId,
    changes: changesOf(entry, table, titles, timeZone),
    note: noteOf(entry, timeZone),
  };
}

/** The references an entry's values point to, as 'table:id' (to be titled in one query per table). */
export function referencesOf(entry: RawEntry, vocabulary: Vocabulary): string[] {
  const table = entry.tableName ? vocabulary[entry.tableName] : undefined;
  if (!table || !entry.changes) return [];
  const out: string[] = [];
  for (const [key, pair] of Object.entries(entry.changes)) {
    const column = table.columns[key];
    if (column?.kind !== 'reference' || !column.reference) continue;
    for (const value of pair) if (value !== null && value !== undefined) out.push(`${column.reference}:${String(value)}`);
  }
  return out;
}

/** A change in one line: «ИНН: 7707083893 → 7707083894»; a created or deleted record's field as its value. */
export const changeLine = (c: DescribedChange, action = 'update'): string =>
  action === 'insert' || (action === 'restore' && c.old === null)
    ? `${c.field}: ${c.new ?? '—'}`
    : action === 'delete'
      ? `${c.field}: ${c.old ?? '—'}`
      : `${c.field}: ${c.old ?? '—'} → ${c.new ?? '—'}`;

/** An entry's changes in one line (lists, exports). */
export const summaryLine = (entry: DescribedEntry, max = 400): string => {
  const text = [entry.changes.map((c) => changeLine(c, entry.action)).join('; '), entry.note].filter(Boolean).join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
