import type { DataSource, EntityManager } from 'typeorm';
import { UserInputError } from '../errors.js';
import { runAs, type Actor } from '../engine/db/actor.js';
import {
  describeEntry,
  instantText,
  referencesOf,
  valueText,
  type DescribedEntry,
  type RawEntry,
  type Titles,
  type Vocabulary,
} from '../domain/describe-entry.js';
import { legacyHistoryNote, type LegacyOrigin } from '../domain/legacy-origin.js';
import { legacyOriginOf } from '../legacy/legacy-origin.service.js';

/** How each table's records are named in the history (a reference's title, the record an entry is about). */
const TITLE_SQL: Record<string, string> = {
  organizations: `coalesce(t.short_name, t.full_name)`,
  // as the panel names a letter (src/domain/record-titles.ts): «Вх. № ВХ-15 от 01.12.2026»
  messages: `CASE t.direction WHEN 'outgoing' THEN 'Исх. ' ELSE 'Вх. ' END || coalesce('№ ' || t.our_number, 'письмо')
             || coalesce(' от ' || to_char(t.our_date, 'DD.MM.YYYY'), '')`,
  resources: `t.name`,
  regions: `t.name`,
  okrugs: `t.name`,
  industries: `t.name`,
  org_adm_docs: `t.name`,
  users: `t.display_name || ' (' || t.email || ')'`,
  organization_documents: `(SELECT d.name FROM org_adm_docs d WHERE d.id = t.org_adm_doc_id)`,
  responsibilities: `'с ' || to_char(t.date_start, 'DD.MM.YYYY')`,
};

/** Cards with a «История» section, and who may read it. */
export const HISTORY_TABLES: Record<string, { adminOnly: boolean }> = {
  organizations: { adminOnly: false },
  messages: { adminOnly: false },
  resources: { adminOnly: false },
  organization_documents: { adminOnly: false },
  responsibilities: { adminOnly: false },
  users: { adminOnly: true },
};

/** Records that a restore from the journal brings back, with their links. */
export const RESTORABLE_TABLES = ['organizations', 'messages', 'resources'];

// the id as text (bigint): an ORDER BY must then name audit_log.id, or it sorts the text ('9' after '10')
const ENTRY_COLUMNS = `id::text AS "id", at, actor_id AS "actorId", actor_name AS "actorName", source, action, table_name AS "tableName",
  record_id AS "recordId", changes, details, tx::text AS tx, anchors`;

type StoredEntry = RawEntry & { tx: string; anchors: string[] };

export interface HistoryPage {
  items: DescribedEntry[];
  total: number;
  page: number;
  perPage: number;
}

export class ChangeHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vocabulary: Vocabulary,
    private readonly timeZone: string,
  ) {}

  /** A card's history, newest first: its own changes and those shown on it (a letter's links, a document). */
  async ofRecord(table: string, id: number, page = 1, perPage = 20): Promise<HistoryPage> {
    const anchor = `${table}:${id}`;
    const offset = (Math.max(1, page) - 1) * perPage;
    const [rows, [count]] = await Promise.all([
      // the record's entries are found by the anchors' GIN index first, then sorted: left to itself, the planner
      // may walk the whole journal backwards by id hoping to meet 20 entries of a record whose few entries are old
      this.dataSource.query(
        `WITH hits AS MATERIALIZED (SELECT id FROM audit_log WHERE anchors @> ARRAY[$1]::text[])
         SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id IN (SELECT id FROM hits ORDER BY id DESC LIMIT $2 OFFSET $3) ORDER BY audit_log.id DESC`,
        [anchor, perPage, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE anchors @> ARRAY[$1]::text[]`, [anchor]),
    ]);
    const items = await this.describe(rows as StoredEntry[]);
    // a record brought from the old service: its history opens with that, dated by the old record (legacy_ids)
    const origin = await legacyOriginOf(this.dataSource, table, id);
    if (origin && offset + items.length >= count.n && items.length < perPage) items.push(this.legacyEntry(table, id, origin));
    return { items, total: count.n + (origin ? 1 : 0), page: Math.max(1, page), perPage };
  }

  private legacyEntry(table: string, id: number, origin: LegacyOrigin): DescribedEntry {
    const at = origin.outcome === 'imported' ? (origin.oldCreated ?? origin.runAt) : origin.runAt;
    const atIso = at instanceof Date ? at.toISOString() : String(at);
    return {
      id: `legacy-${table}-${id}`,
      at: atIso,
      atText: instantText(atIso, this.timeZone),
      actor: origin.runBy ?? 'перенос',
      source: 'старая система',
      action: 'legacy',
      actionText: origin.outcome === 'imported' ? 'Перенесено из старой системы' : 'Объединено с записью старой системы',
      table,
      tableText: this.vocabulary[table]?.label ?? table,
      recordId: String(id),
      changes: [],
      note: legacyHistoryNote(origin, this.timeZone),
    };
  }

  /** Entries in words, with the titles of the records their values refer to (one query per table). */
  async describe(entries: RawEntry[]): Promise<DescribedEntry[]> {
    const titles = await this.titles(entries.flatMap((entry) => referencesOf(entry, this.vocabulary)));
    return entries.map((entry) => describeEntry(entry, this.vocabulary, titles, this.timeZone));
  }

  async titles(references: string[]): Promise<Titles> {
    const byTable = new Map<string, Set<number>>();
    for (const reference of references) {
      const [table, id] = reference.split(':');
      if (!table || !TITLE_SQL[table] || !/^\d{1,10}$/.test(id ?? '')) continue;
      byTable.set(table, (byTable.get(table) ?? new Set()).add(Number(id)));
    }
    const titles: Titles = new Map();
    for (const [table, ids] of byTable) {
      const rows: { id: number; title: string }[] = await this.dataSource.query(
        `SELECT t.id, ${TITLE_SQL[table]} AS title FROM "${table}" t WHERE t.id = ANY($1)`,
        [[...ids]],
      );
      for (const row of rows) titles.set(`${table}:${row.id}`, row.title);
    }
    return titles;
  }

  /** Entries by id, as stored (a page of the journal). */
  async entries(ids: string[]): Promise<StoredEntry[]> {
    const wanted = ids.filter((id) => /^\d{1,18}$/.test(id));
    if (wanted.length === 0) return [];
    return this.dataSource.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id = ANY($1::bigint[])`, [wanted]);
  }

  async entry(id: string): Promise<StoredEntry | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.dataSource.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id = $1`, [id]);
    return (row as StoredEntry | undefined) ?? null;
  }

  /**
   * What each entry is about, in words: the record's title now (or as it was deleted); for a link (a letter's
   * organization) both ends, «Вх. № ВХ-15 от 01.12.2026 — ПАО Сбербанк». One query per table for a page of entries.
   */
  async recordTitles(entries: RawEntry[]): Promise<Map<string, string>> {
    const ends = (entry: RawEntry): string[] => {
      const table = entry.tableName ? this.vocabulary[entry.tableName] : undefined;
      if (!table?.link) return entry.tableName && entry.recordId ? [`${entry.tableName}:${entry.recordId}`] : [];
      return Object.entries(table.columns).flatMap(([column, words]) => {
        const [before, after] = entry.changes?.[column] ?? [];
        const id = after ?? before;
        return words.reference && id !== null && id !== undefined ? [`${words.reference}:${String(id)}`] : [];
      });
    };
    const titles = await this.titles(entries.flatMap(ends));
    const named = new Map<string, string>();
    for (const entry of entries) {
      const table = entry.tableName ? this.vocabulary[entry.tableName] : undefined;
      const parts = ends(entry).map((key) => titles.get(key) ?? null);
      const title = table?.link ? (parts.every(Boolean) ? parts.join(' — ') : null) : (parts[0] ?? this.deletedTitle(entry));
      if (title) named.set(entry.id, title);
    }
    return named;
  }

  /** A deleted record's title from the values it had. */
  private deletedTitle(entry: RawEntry): string | null {
    const old = (key: string) => (entry.changes?.[key]?.[0] as string | null | undefined) ?? null;
    return old('short_name') ?? old('full_name') ?? old('name') ?? old('our_number') ?? old('email') ?? null;
  }

  /** The record's title now, or as it was deleted. */
  async recordTitle(entry: RawEntry): Promise<string | null> {
    return (await this.recordTitles([entry])).get(entry.id) ?? null;
  }

  /**
   * The record as it was right after an entry's transaction (a letter is saved with its organizations in one): its
   * columns (and a letter's or resource's links) from the record today, undoing every later change, newest first.
   * Null when there is no such record to show.
   */
  async stateAfter(
    entryId: string,
  ): Promise<{ fields: { field: string; value: string | null }[]; exists: boolean; links: { field: string; values: string[] }[] } | null> {
    const entry = await this.entry(entryId);
    const table = entry?.tableName ? this.vocabulary[entry.tableName] : undefined;
    if (!entry || !table || table.link || !entry.recordId || !/^\d+$/.test(entry.recordId)) return null;
    const recordId = Number(entry.recordId);
    const [current] = await this.dataSource.query(`SELECT to_jsonb(t) AS row FROM "${entry.tableName}" t WHERE t.id = $1`, [recordId]);
    let state: Record<string, unknown> | null = (current?.row as Record<string, unknown> | undefined) ?? null;
    const later: StoredEntry[] = await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE anchors @> ARRAY[$1]::text[] AND id > $2 AND tx <> $3 ORDER BY audit_log.id DESC`,
      [`${entry.tableName}:${recordId}`, entry.id, entry.tx],
    );
    const linkTables = Object.entries(this.vocabulary).filter(([, words]) => words.link && Object.values(words.columns)[0]?.reference === entry.tableName);
    const links = new Map<string, Set<number>>();
    for (const [linkTable, words] of linkTables) {
      const [ownerColumn, otherColumn] = Object.keys(words.columns) as [string, string];
      const rows: { other: number }[] = await this.dataSource.query(`SELECT "${otherColumn}" AS other FROM "${linkTable}" WHERE "${ownerColumn}" = $1`, [
        recordId,
      ]);
      links.set(linkTable, new Set(rows.map((r) => r.other)));
    }
    for (const change of later) {
      if (change.tableName === entry.tableName && change.recordId === entry.recordId) {
        if (change.action === 'delete') state = Object.fromEntries(Object.entries(change.changes ?? {}).map(([k, [o]]) => [k, o]));
        else if (change.action === 'insert' || (change.action === 'restore' && change.details?.restoredFrom)) state = null;
        else if (state) for (const [k, [o]] of Object.entries(change.changes ?? {})) state[k] = o;
      } else if (change.tableName && links.has(change.tableName)) {
        const [, otherColumn] = Object.keys(this.vocabulary[change.tableName]!.columns) as [string, string];
        const pair = change.changes?.[otherColumn];
        if (change.action === 'insert' || change.action === 'restore') links.get(change.tableName)!.delete(Number(pair?.[1]));
        if (change.action === 'delete') links.get(change.tableName)!.add(Number(pair?.[0]));
      }
    }
    if (entry.action === 'delete') return { fields: [], exists: false, links: [] };
    if (!state) return { fields: [], exists: false, links: [] };
    const references = Object.entries(state)
      .filter(([k]) => table.columns[k]?.kind === 'reference' && state![k] !== null)
      .map(([k, v]) => `${table.columns[k]!.reference}:${String(v)}`);
    for (const [linkTable, ids] of links) {
      const other = Object.values(this.vocabulary[linkTable]!.columns)[1]!;
      for (const id of ids) references.push(`${other.reference}:${id}`);
    }
    const titles = await this.titles(references);
    const fields = Object.entries(table.columns)
      .filter(([k, words]) => k in state! && !['search_text', 'password_hash'].includes(k) && words.kind !== 'secret')
      .map(([k, words]) => ({ field: words.label, value: valueText(state![k], words, titles, this.timeZone) }));
    return {
      fields,
      exists: true,
      links: [...links].map(([linkTable, ids]) => {
        const other = Object.values(this.vocabulary[linkTable]!.columns)[1]!;
        return { field: this.vocabulary[linkTable]!.label, values: [...ids].map((id) => titles.get(`${other.reference}:${id}`) ?? `№${id}`) };
      }),
    };
  }

  /** The panel's resource whose cards show a table's history (their records are linked from the journal), or null. */
  cardResource(table: string | null): string | null {
    return table && HISTORY_TABLES[table] ? (this.vocabulary[table]?.resourceId ?? null) : null;
  }

  /** Whether an entry can be undone by «Восстановить»: a deleted or deactivated organization, letter or resource. */
  canRestore(entry: RawEntry): boolean {
    return Boolean(entry.tableName && RESTORABLE_TABLES.includes(entry.tableName) && (entry.action === 'delete' || entry.action === 'soft_delete'));
  }

  /**
   * Brings back what an entry deleted, in one transaction recorded as a restore by `actor`: a soft-deleted record is
   * undeleted; a deleted one is inserted again as it was, with the rows the same transaction removed with it (a
   * letter's organizations, a resource's regions and industries, an organization's documents and outsourcing) and
   * the references to it that were cleared (replies' «Основание»), as far as what they point to still exists.
   */
  async restore(entryId: string, actor: Actor): Promise<{ table: string; id: number; links: number; skipped: number }> {
    const entry = await this.entry(entryId);
    if (!entry || !this.canRestore(entry)) {
      throw new UserInputError('Эту запись журнала нельзя восстановить: восстанавливаются удалённые организации, письма и ресурсы.');
    }
    const table = entry.tableName!;
    const id = Number(entry.recordId);
    return runAs({ ...actor, restoring: true, restoredFrom: entry.id }, () =>
      this.dataSource.transaction(async (manager) => {
        const [exists] = await manager.query(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE t.id = $1 FOR UPDATE`, [id]);
        if (entry.action === 'soft_delete') {
          if (!exists) throw new UserInputError('Запись с тех пор удалена окончательно — восстановите её по записи журнала об удалении.');
          const row = exists.row as Record<string, unknown>;
          if (table === 'resources' ? row.deleted_at === null : row.is_active === true) throw new UserInputError('Запись уже восстановлена.');
          await manager
            .query(table === 'resources' ? `UPDATE resources SET deleted_at = NULL WHERE id = $1` : `UPDATE "${table}" SET is_active = true WHERE id = $1`, [
              id,
            ])
            .catch((error) => {
              throw this.refusal(error);
            });
          return { table, id, links: 0, skipped: 0 };
        }
        if (exists) throw new UserInputError('Запись уже есть в реестре — восстанавливать нечего.');
        await this.insertRow(manager, table, entry.changes ?? {});
        let links = 0;
        let skipped = 0;
        // what went with it in the same transaction
        const companions: StoredEntry[] = await manager.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE tx = $1 AND id <> $2 ORDER BY audit_log.id`, [
          entry.tx,
          entry.id,
        ]);
        for (const companion of companions) {
          const undo = this.undoOfCompanion(companion, table, id);
          if (!undo) continue;
          await manager.query('SAVEPOINT companion');
          try {
            await undo(manager);
            await manager.query('RELEASE SAVEPOINT companion');
            links += 1;
          } catch {
            await manager.query('ROLLBACK TO SAVEPOINT companion'); // what it pointed to is gone too
            skipped += 1;
          }
        }
        return { table, id, links, skipped };
      }),
    );
  }

  /**
   * How to undo a write that came with a deletion: a row deleted with the record (a link, a document) is inserted
   * again; a reference to the record that the database cleared (ON DELETE SET NULL: replies' «Основание») is set
   * again where still empty. Null for anything else.
   */
  private undoOfCompanion(companion: StoredEntry, table: string, id: number): ((manager: EntityManager) => Promise<void>) | null {
    const words = companion.tableName ? this.vocabulary[companion.tableName] : undefined;
    if (!words) return null;
    if (companion.action === 'delete' && companion.anchors.includes(`${table}:${id}`)) {
      return (manager) => this.insertRow(manager, companion.tableName!, companion.changes ?? {});
    }
    if (companion.action !== 'update') return null;
    const cleared = Object.entries(companion.changes ?? {})
      .filter(([column, [before, after]]) => after === null && String(before) === String(id) && words.columns[column]?.reference === table)
      .map(([column]) => column);
    if (cleared.length === 0) return null;
    return async (manager) => {
      for (const column of cleared) {
        await manager.query(`UPDATE "${companion.tableName}" SET "${column}" = $1 WHERE id = $2 AND "${column}" IS NULL`, [id, Number(companion.recordId)]);
      }
    };
  }

  private async insertRow(manager: EntityManager, table: string, changes: Record<string, [unknown, unknown]>): Promise<void> {
    const row = Object.fromEntries(Object.entries(changes).map(([k, [old]]) => [k, old]));
    const columns = Object.keys(row).filter((k) => k !== 'search_text' && /^[a-z_]+$/.test(k));
    const list = columns.map((c) => `"${c}"`).join(', ');
    await manager
      .query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_record(NULL::"${table}", $1::jsonb)`, [JSON.stringify(row)])
      .catch((error) => {
        throw this.refusal(error);
      });
  }

  /** A refusal of the database while restoring, said for what it is (by constraint, never a guess). */
  private refusal(error: unknown): unknown {
    const failure = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
    const code = failure.code;
    if (code === '23505' && failure.constraint === 'uq_organizations_active_inn_kpp') {
      return new UserInputError('Восстановить нельзя: в реестре уже есть действующая организация с теми же ИНН и КПП.');
    }
    if (code === '23505' && failure.constraint === 'ux_messages_our_number_per_year') {
      return new UserInputError(
        'Восстановить нельзя: этот «наш номер» с тех пор получило другое письмо того же направления и года — перенумеруйте одно из них.',
      );
    }
    // the row itself is back already (another restore of the same entry got there first)
    if (code === '23505' && /^pk_/.test(failure.constraint ?? '')) return new UserInputError('Запись уже восстановлена.');
    if (code === '23505') return new UserInputError('Восстановить нельзя: в реестре уже есть запись с теми же уникальными значениями.');
    if (code === '23503') return new UserInputError('Восстановить нельзя: связанная запись (например, владелец ресурса) удалена — сначала восстановите её.');
    return error;
  }
}
