import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { looksLikePdf } from '../domain/document-file.js';
import type { Progress } from '../engine/progress.js';
import { ScanRejectedError, type ReceivedScan, type ScanStorage } from '../documents/scan-storage.js';
import type { LegacyReport, TableCount } from './legacy-report.js';
import {
  activeTwinKey,
  brokenThreads,
  convertMessage,
  convertOrganization,
  convertResource,
  convertResponsibility,
  documentOldId,
  nameKey,
  oldScanPath,
  organizationUuid,
  ourNumberKey,
  responsibilityOldId,
  text,
  type OldMessage,
  type OldOrganization,
  type OldResource,
  type OldResponsibility,
  type Outcome,
  type ReportLine,
  type SetAside,
} from './legacy-rules.js';
import type { OldDatabase } from './old-database.js';

/**
 * `cert import legacy`: the old service's database and scans into this registry, in ONE transaction (a run killed
 * half-way leaves nothing; the rerun starts over), read from one snapshot of the old database (read-only).
 *
 * - Every record brought is written to legacy_ids (table, old id → new id, outcome, old dates, set-aside values): a
 *   second run skips what an earlier one brought, and links and threads are resolved through it.
 * - The history: the run is registered by legacy_run_begin(), so PostgreSQL writes one summary entry per table at
 *   commit instead of an entry per row (migration LegacyImport); each record's history opens with «перенесено из
 *   старой системы» from legacy_ids.
 * - Rows are written in pages by INSERT … SELECT FROM unnest(arrays), with ids taken from the sequences beforehand
 *   (the mapping is known before the insert; a reply may name a letter of a later page: fk_messages_parent deferred).
 * - Scans go through the registry's storage (SHA-256, size, PDF check) under names made from their content, in a
 *   directory named by the organization's uuid (the old one, or one made from the old id): a rerun after a kill puts
 *   each at the same path.
 */

export interface LegacyImportOptions {
  old: OldDatabase;
  filesRoot: string;
  storage: ScanStorage;
  dryRun: boolean;
  today: string;
  progress: Progress;
  pageSize?: number;
}

type Table =
  | 'organizations'
  | 'org_adm_docs'
  | 'industries'
  | 'messages'
  | 'organizations_messages'
  | 'resources'
  | 'resources_regions'
  | 'resources_industries'
  | 'responsibilities'
  | 'organization_documents'
  | 'methodical_docs';

const LABELS: Record<Table, string> = {
  organizations: 'Организации',
  org_adm_docs: 'Виды документов',
  industries: 'Сферы КИИ',
  messages: 'Письма',
  organizations_messages: 'Письма — организации',
  resources: 'Ресурсы',
  resources_regions: 'Ресурсы — регионы',
  resources_industries: 'Ресурсы — сферы',
  responsibilities: 'Аутсорсинг',
  organization_documents: 'Документы организаций',
  methodical_docs: 'Методические документы',
};

/** Old table names of the counts (the report speaks of the old model's tables). */
const OLD_COUNT_SQL: Record<Table, string> = {
  organizations: 'SELECT count(*) AS n FROM organizations',
  org_adm_docs: 'SELECT count(*) AS n FROM orgadm_docs',
  industries: 'SELECT count(*) AS n FROM industries',
  messages: 'SELECT count(*) AS n FROM messages',
  organizations_messages: 'SELECT count(*) AS n FROM organizations_messages',
  resources: 'SELECT count(*) AS n FROM resources',
  resources_regions: 'SELECT count(*) AS n FROM regions_resources',
  resources_industries: 'SELECT count(*) AS n FROM industries_resources',
  responsibilities: 'SELECT count(*) AS n FROM responsibilities',
  organization_documents: 'SELECT count(*) AS n FROM orgadmdocs_organizations',
  methodical_docs: 'SELECT count(*) AS n FROM methodical_docs',
};

type Column = readonly [name: string, type: string];

/** Tables whose old → new ids stay in memory for the whole run (later tables link to them). */
const KEPT: ReadonlySet<Table> = new Set<Table>(['organizations', 'resources', 'org_adm_docs', 'industries']);

/** An old id as a number where it is one (a Map of numbers takes a fraction of the memory of one of strings). */
const compactId = (oldId: string): string | number => (/^[1-9]\d{0,14}$/.test(oldId) ? Number(oldId) : oldId);

/** Old id → new id (null: the record was not brought), keyed compactly. */
class OldIdMap {
  private readonly ids = new Map<string | number, number | null>();
  get(oldId: string | number): number | null | undefined {
    return this.ids.get(compactId(String(oldId)));
  }
  set(oldId: string, newId: number | null): void {
    this.ids.set(compactId(oldId), newId);
  }
  values(): IterableIterator<number | null> {
    return this.ids.values();
  }
}

class Run {
  readonly lines: ReportLine[] = [];
  readonly counts = new Map<Table, TableCount>();
  readonly scans = { stored: 0, bytes: 0, missing: 0, refused: 0 };
  /** table → old id → new id, as legacy_ids holds them (earlier runs and this one); whole-number ids kept as numbers */
  readonly mapped = new Map<Table, OldIdMap>();
  /** old ids brought before this run */
  readonly earlier = new Map<Table, Set<string | number>>();
  private readonly placed: string[] = [];
  runId = 0;
  /** The moment of the move: the dates of a record whose old row had none. */
  readonly movedAt = new Date().toISOString();
  /** the letters this run brings: old id → new id (taken before any insert), and the threads that cannot be kept */
  letters: { newIdOf: Map<number, number>; broken: Map<number, string> } | null = null;

  constructor(
    readonly db: QueryRunner,
    readonly options: LegacyImportOptions,
  ) {}

  count(table: Table): TableCount {
    let c = this.counts.get(table);
    if (!c) {
      c = { table, label: LABELS[table], read: 0, imported: 0, merged: 0, skipped: 0, already: 0, flagged: 0, oldCount: 0, accounted: 0 };
      this.counts.set(table, c);
    }
    return c;
  }

  map(table: Table): OldIdMap {
    let m = this.mapped.get(table);
    if (!m) this.mapped.set(table, (m = new OldIdMap()));
    return m;
  }

  /** For a table not kept in memory: what earlier runs brought of these old ids (the page's, and those it refers to). */
  async prefetch(table: Table, oldIds: (string | number)[]): Promise<void> {
    if (KEPT.has(table)) return;
    const rows: { old_id: string; new_id: number | null }[] = await this.db.query(
      `SELECT old_id, new_id FROM legacy_ids WHERE table_name = $1 AND old_id = ANY($2::text[])`,
      [table, oldIds.map(String)],
    );
    const map = new OldIdMap();
    for (const r of rows) map.set(r.old_id, r.new_id);
    this.mapped.set(table, map);
    this.earlier.set(table, new Set(rows.map((r) => compactId(r.old_id))));
  }

  /**
   * A page's records that no earlier run brought (those that one did are counted as «уже были»), each with its old id
   * and the new id taken for it from the table's sequence.
   */
  async freshOf<T>(table: Table, page: T[], oldIdOf: (row: T) => string): Promise<{ row: T; oldId: string; id: number }[]> {
    await this.prefetch(table, page.map(oldIdOf));
    const fresh = page.filter((row) => !this.wasBrought(table, oldIdOf(row)));
    const ids = await this.ids(table, fresh.length);
    return fresh.map((row, i) => ({ row, oldId: oldIdOf(row), id: ids[i]! }));
  }

  broughtEarlier(table: Table, oldId: string | number): boolean {
    return this.earlier.get(table)?.has(compactId(String(oldId))) ?? false;
  }

  /** Already brought by an earlier run: counted, nothing written. */
  wasBrought(table: Table, oldId: string): boolean {
    if (!this.broughtEarlier(table, oldId)) return false;
    this.count(table).already++;
    return true;
  }

  /** A record not brought, with its line and its mapping (a later run knows it was seen). */
  skip(table: Table, oldId: string, reason: string, remembered: Parameters<Run['remember']>[1]): void {
    this.count(table).skipped++;
    this.line(table, oldId, null, 'skipped', reason);
    remembered.push({ oldId, newId: null, outcome: 'skipped' });
  }

  line(table: Table, oldId: string, newId: number | null, outcome: Outcome, reason: string, field?: string, value?: string): void {
    this.lines.push({ table, oldId, newId, outcome, reason, ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}) });
    if (outcome !== 'skipped') this.count(table).flagged++;
  }

  /**
   * What earlier runs brought of the tables that later ones link to (organizations, resources, document types,
   * spheres), read in pages; of the others (letters: 300,000), only what a page asks for (prefetch).
   */
  async loadEarlier(): Promise<void> {
    await this.db.query(`DECLARE legacy_earlier NO SCROLL CURSOR FOR SELECT table_name, old_id, new_id FROM legacy_ids WHERE table_name = ANY($1)`, [
      [...KEPT],
    ]);
    for (;;) {
      const rows: { table_name: Table; old_id: string; new_id: number | null }[] = await this.db.query(`FETCH 20000 FROM legacy_earlier`);
      if (rows.length === 0) break;
      for (const row of rows) {
        this.map(row.table_name).set(row.old_id, row.new_id);
        let set = this.earlier.get(row.table_name);
        if (!set) this.earlier.set(row.table_name, (set = new Set()));
        set.add(compactId(row.old_id));
      }
    }
    await this.db.query(`CLOSE legacy_earlier`);
  }

  async ids(table: string, n: number): Promise<number[]> {
    if (n === 0) return [];
    const rows: { id: number }[] = await this.db.query(`SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`, [table, n]);
    return rows.map((r) => r.id);
  }

  /** INSERT … SELECT FROM unnest(one array per column). */
  async insert(table: string, columns: readonly Column[], rows: unknown[][], suffix = ''): Promise<number> {
    if (rows.length === 0) return 0;
    const arrays = columns.map((_c, i) => rows.map((r) => r[i] ?? null));
    const list = columns.map(([name]) => `"${name}"`).join(', ');
    const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    const result = await this.db.query(`INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${params}) ${suffix}`, arrays, true);
    return Number(result.affected ?? 0);
  }

  /** The mapping rows of records this run brought (or merged, or skipped with a line). */
  async remember(
    table: Table,
    entries: { oldId: string; newId: number | null; outcome: Outcome; created?: string | null; updated?: string | null; notes?: SetAside | null }[],
    /** kept in memory for the tables whose links come later (organizations, resources, types, spheres) */
    keep = true,
  ): Promise<void> {
    if (keep) for (const e of entries) this.map(table).set(e.oldId, e.newId);
    await this.insert(
      'legacy_ids',
      [
        ['table_name', 'text'],
        ['old_id', 'text'],
        ['new_id', 'int'],
        ['run_id', 'int'],
        ['outcome', 'text'],
        ['old_created', 'timestamptz'],
        ['old_updated', 'timestamptz'],
        ['notes', 'jsonb'],
      ],
      entries.map((e) => [
        table,
        e.oldId,
        e.newId,
        this.runId,
        e.outcome,
        e.created ?? null,
        e.updated ?? null,
        e.notes && Object.keys(e.notes).length > 0 ? JSON.stringify(e.notes) : null,
      ]),
    );
  }

  placedScan(relativePath: string): void {
    this.placed.push(relativePath);
  }

  /** Scans placed by a run that then failed: removed (a rerun would place them again at the same paths). */
  async removePlaced(): Promise<void> {
    for (const file of this.placed) await this.options.storage.remove(file).catch(() => undefined);
  }
}

/** An old DATE as the start of that day in Moscow (the old service kept the server's local date). */
const moscowDay = (value: string | null) => (value ? `${value} 00:00:00+03` : null);
const moscowTime = (value: string | null) => (value ? `${value}+03` : null);

export async function runLegacyImport(dataSource: DataSource, options: LegacyImportOptions): Promise<LegacyReport> {
  const started = Date.now();
  // temporary files of an earlier run that was killed (its process is gone) are removed first
  if (!options.dryRun) await options.storage.cleanIncoming(60 * 60 * 1000);
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  const run = new Run(runner, options);
  let historyEntries = 0;
  try {
    await runner.startTransaction('READ COMMITTED');
    await runner.query(`SET CONSTRAINTS fk_messages_parent, fk_organizations_messages_message DEFERRED`);
    // one move-in at a time: a second one waits here, then sees what the first brought
    await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended('cert import legacy', 0))`);
    run.runId = (await runner.query(`SELECT legacy_run_begin($1) AS id`, [options.old.source]))[0].id;
    await run.loadEarlier();

    await importOrganizations(run);
    await importReferences(run);
    // the letters' links before the letters (fk deferred): each letter's search text is then made once, with its
    // organizations, as it is inserted — not made again by the links' trigger (a second version of 300,000 rows)
    await planMessages(run);
    await importOrganizationLinks(run);
    await importMessages(run);
    await importResources(run);
    await importResourceLinks(run, 'resources_regions');
    await importResourceLinks(run, 'resources_industries');
    await importResponsibilities(run);
    await importDocuments(run);
    await noteMethodicalDocuments(run);
    await countCheck(run);

    const changed = [...run.counts.values()].some((c) => c.imported + c.merged + c.skipped > 0);
    if (options.dryRun || !changed) {
      await runner.rollbackTransaction(); // a dry run, or nothing new: not even the run is recorded
    } else {
      await runner.commitTransaction();
      const [row] = await runner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bulk' AND details->>'legacyRun' = $1`, [String(run.runId)]);
      historyEntries = row.n;
    }
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await run.removePlaced();
    throw error;
  } finally {
    await runner.release();
  }
  const order: Table[] = [
    'organizations',
    'messages',
    'organizations_messages',
    'resources',
    'resources_regions',
    'resources_industries',
    'responsibilities',
    'org_adm_docs',
    'organization_documents',
    'industries',
    'methodical_docs',
  ];
  return {
    source: options.old.source,
    filesRoot: options.filesRoot,
    dryRun: options.dryRun,
    startedAt: run.movedAt,
    seconds: (Date.now() - started) / 1000,
    tables: order.filter((t) => run.counts.has(t)).map((t) => run.count(t)),
    lines: run.lines,
    scans: run.scans,
    historyEntries,
  };
}

// ---------------------------------------------------------------- organizations

async function importOrganizations(run: Run): Promise<void> {
  const { old, progress, today } = run.options;
  const table = 'organizations';
  const total = await old.count(`SELECT count(*) AS n FROM organizations`);
  progress.start(total, LABELS.organizations);
  const regions = new Set<number>((await run.db.query(`SELECT id FROM regions`)).map((r: { id: number }) => r.id));
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');
  for await (const page of old.pages<OldOrganization>(
    `SELECT org_id, date_added, date_updated, full_name, short_name, inn, kpp, ogrn, factual_address, boss_position, boss_fio, contacts,
            date_agreement, agreement_unit, is_gov, is_military, is_active, uuid, region_id FROM organizations ORDER BY org_id`,
    run.options.pageSize,
  )) {
    const fresh = await run.freshOf(table, page, (o) => String(o.org_id));
    const converted = fresh.map(({ row }) => convertOrganization(row, today, regions));
    // the registry's active organizations with these INN+KPP (typed by hand, from EGRUL, brought by an earlier page or
    // run; by the partial unique index), and the uuids already taken: asked per page, nothing of the registry in memory
    const keys = converted.map((c) => activeTwinKey(c.row)).filter((k): k is string => k !== null);
    const active = new Map<string, { id: number; oldId: string | null }>();
    for (const r of (await run.db.query(
      `SELECT o.id, o.inn || '/' || coalesce(o.kpp, '') AS key,
              (SELECT l.old_id FROM legacy_ids l WHERE l.table_name = 'organizations' AND l.new_id = o.id AND l.outcome = 'imported' LIMIT 1) AS "oldId"
         FROM organizations o
        WHERE o.is_active AND o.inn IS NOT NULL AND (o.inn, coalesce(o.kpp, '')) IN (SELECT split_part(k, '/', 1), split_part(k, '/', 2) FROM unnest($1::text[]) k)`,
      [keys],
    )) as { id: number; key: string; oldId: string | null }[]) {
      active.set(r.key, { id: r.id, oldId: r.oldId });
    }
    const uuids = fresh.map(({ row }) => organizationUuid(row.uuid, row.org_id, digest));
    const taken = new Set<string>(
      ((await run.db.query(`SELECT uuid::text AS uuid FROM organizations WHERE uuid = ANY($1::uuid[])`, [uuids])) as { uuid: string }[]).map((r) => r.uuid),
    );
    const rows: unknown[][] = [];
    const remembered: Parameters<Run['remember']>[1] = [];
    for (const [i, { row: o, oldId, id }] of fresh.entries()) {
      const c = converted[i]!;
      run.count(table).read++;
      const key = activeTwinKey(c.row);
      const found = key ? active.get(key) : undefined;
      if (found !== undefined && found.oldId === null) {
        const twin = found.id;
        // the registry already has this organization (typed by hand, from EGRUL): the old one's letters and
        // documents join it; its own fields are not copied over the registry's
        run.count(table).merged++;
        run.line(table, oldId, twin, 'merged', `в реестре уже есть действующая организация с ИНН/КПП ${key}: объединена с ней (поля реестра сохранены)`);
        remembered.push({ oldId, newId: twin, outcome: 'merged', created: moscowDay(o.date_added), updated: moscowDay(o.date_updated), notes: c.setAside });
        continue;
      }
      if (found !== undefined) {
        c.row.isActive = false;
        run.line(
          table,
          oldId,
          id,
          'imported',
          `дубль действующей организации старой системы № ${found.oldId} (ИНН/КПП ${key}): перенесена как недействующая`,
          'Действующая',
          'да',
        );
      } else if (key) {
        active.set(key, { id, oldId }); // a twin later in this page
      }
      for (const l of c.lines) run.line(table, oldId, id, 'imported', l.reason, l.field, l.value);
      let uuid = uuids[i]!;
      if (taken.has(uuid)) uuid = organizationUuid(null, o.org_id, digest); // the old uuid is already a registry organization's
      taken.add(uuid);
      run.count(table).imported++;
      const r = c.row;
      rows.push([
        id,
        r.fullName,
        r.shortName,
        r.inn,
        r.kpp,
        r.ogrn,
        r.factualAddress,
        r.regionId,
        r.bossPosition,
        r.bossFio,
        r.contacts,
        r.dateAgreement,
        r.agreementUnit,
        r.isGov,
        r.isMilitary,
        r.isActive,
        uuid,
        moscowDay(o.date_added) ?? run.movedAt,
        moscowDay(o.date_updated ?? o.date_added) ?? run.movedAt,
      ]);
      remembered.push({ oldId, newId: id, outcome: 'imported', created: moscowDay(o.date_added), updated: moscowDay(o.date_updated), notes: c.setAside });
    }
    await run.insert(
      table,
      [
        ['id', 'int'],
        ['full_name', 'text'],
        ['short_name', 'text'],
        ['inn', 'text'],
        ['kpp', 'text'],
        ['ogrn', 'text'],
        ['factual_address', 'text'],
        ['region_id', 'int'],
        ['boss_position', 'text'],
        ['boss_fio', 'text'],
        ['contacts', 'text'],
        ['date_agreement', 'date'],
        ['agreement_unit', 'text'],
        ['is_gov', 'boolean'],
        ['is_military', 'boolean'],
        ['is_active', 'boolean'],
        ['uuid', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      rows,
    );
    await run.remember(table, remembered);
    progress.tick(page.length);
  }
  progress.done();
}

// ---------------------------------------------------------------- document types, industries

async function importReferences(run: Run): Promise<void> {
  const { old } = run.options;
  for (const spec of [
    { table: 'org_adm_docs' as const, sql: `SELECT orgadm_id AS id, name, date_added, date_updated FROM orgadm_docs ORDER BY orgadm_id` },
    { table: 'industries' as const, sql: `SELECT industry_id AS id, name, NULL AS date_added, NULL AS date_updated FROM industries ORDER BY industry_id` },
  ]) {
    const existing = new Map<string, number>();
    const existingNames = new Map<number, string>();
    for (const r of (await run.db.query(`SELECT id, name FROM ${spec.table}`)) as { id: number; name: string }[]) {
      existing.set(nameKey(r.name), r.id);
      existingNames.set(r.id, r.name);
    }
    const rows = await old.rows<{ id: number; name: string; date_added: string | null; date_updated: string | null }>(spec.sql);
    const remembered: Parameters<Run['remember']>[1] = [];
    for (const r of rows) {
      const oldId = String(r.id);
      if (run.wasBrought(spec.table, oldId)) continue;
      run.count(spec.table).read++;
      const same = existing.get(nameKey(r.name));
      if (same !== undefined) {
        // the same type or sphere: one record; a line where the names differ in more than case and punctuation
        run.count(spec.table).merged++;
        const sameName = existingNames.get(same);
        if (sameName !== undefined && sameName !== r.name) {
          run.line(
            spec.table,
            oldId,
            same,
            'merged',
            `«${r.name}» совпадает с «${sameName}» без учёта регистра и знаков: объединены в один`,
            'Название',
            r.name,
          );
        }
        remembered.push({ oldId, newId: same, outcome: 'merged' });
        continue;
      }
      const [id] = spec.table === 'org_adm_docs' ? await run.ids(spec.table, 1) : [null];
      const inserted: { id: number }[] = await run.db.query(
        spec.table === 'org_adm_docs'
          ? `INSERT INTO org_adm_docs (id, name, created_at, updated_at) VALUES ($1, $2, coalesce($3::timestamptz, now()), coalesce($4::timestamptz, $3::timestamptz, now())) RETURNING id`
          : `INSERT INTO industries (id, name) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM industries), $1) RETURNING id`,
        spec.table === 'org_adm_docs' ? [id, r.name, moscowDay(r.date_added), moscowDay(r.date_updated)] : [r.name],
      );
      existing.set(nameKey(r.name), inserted[0]!.id);
      existingNames.set(inserted[0]!.id, r.name);
      run.count(spec.table).imported++;
      remembered.push({ oldId, newId: inserted[0]!.id, outcome: 'imported', created: moscowDay(r.date_added), updated: moscowDay(r.date_updated) });
    }
    await run.remember(spec.table, remembered);
  }
}

// ---------------------------------------------------------------- letters

async function importMessages(run: Run): Promise<void> {
  const { old, progress, today } = run.options;
  const table = 'messages';
  const { newIdOf, broken } = run.letters!;
  progress.start(newIdOf.size, LABELS.messages);

  for await (const page of old.pages<OldMessage>(
    `SELECT message_id, date_inbox_approved, number_inbox_approved, date_registered, our_inbox_number, date_approved, our_outbox_number,
            information, datetime_created::text AS datetime_created, parent_id FROM messages ORDER BY message_id`,
    run.options.pageSize,
  )) {
    const rows: unknown[][] = [];
    const remembered: Parameters<Run['remember']>[1] = [];
    await run.prefetch(table, [...page.map((m) => m.message_id), ...page.flatMap((m) => (m.parent_id === null ? [] : [m.parent_id]))]);
    const fresh = page.filter((m) => !run.wasBrought(table, String(m.message_id)));
    const converted = fresh.map((m) => convertMessage(m, today));
    // «наш номер» already taken in its direction and year (unique index ux_messages_our_number_per_year): by a letter of
    // the registry or of an earlier page (asked of PostgreSQL, by that index), or of this page
    const numbered = converted.map((c) => c.row);
    const takenBy = new Map<number, string>(); // index in the page → who has its number («0»: a letter of the registry's own)
    for (const r of (await run.db.query(
      `SELECT p.n::int AS n, coalesce((SELECT l.old_id FROM legacy_ids l WHERE l.table_name = 'messages' AND l.new_id = m.id LIMIT 1), '0') AS owner
         FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS p(direction, year, number, n)
         JOIN messages m ON m.direction = p.direction AND extract(year FROM m.our_date) = p.year AND registration_number_key(m.our_number) = registration_number_key(p.number)
        WHERE p.number IS NOT NULL AND p.year IS NOT NULL`,
      [numbered.map((r) => r.direction), numbered.map((r) => (r.ourDate ? Number(r.ourDate.slice(0, 4)) : null)), numbered.map((r) => r.ourNumber)],
    )) as { n: number; owner: string }[]) {
      takenBy.set(r.n - 1, r.owner);
    }
    const inPage = new Map<string, string>(); // key → old id, for two letters of this page
    for (const [index, m] of fresh.entries()) {
      const oldId = String(m.message_id);
      run.count(table).read++;
      const id = newIdOf.get(m.message_id)!;
      const c = converted[index]!;
      for (const l of c.lines) run.line(table, oldId, id, 'imported', l.reason, l.field, l.value);
      const key = ourNumberKey(c.row);
      const owner = key ? (takenBy.get(index) ?? inPage.get(key)) : undefined;
      if (owner !== undefined) {
        c.setAside['Наш номер'] = c.row.ourNumber!;
        run.line(
          table,
          oldId,
          id,
          'imported',
          `номер уже занят в этом году ${owner !== '0' ? `письмом № ${owner} старой системы` : 'письмом реестра'}: перенесено без номера`,
          'Наш номер',
          c.row.ourNumber!,
        );
        c.row.ourNumber = null;
      } else if (key) {
        inPage.set(key, oldId);
      }
      let parentId: number | null = null;
      if (m.parent_id !== null) {
        const why = broken.get(m.message_id);
        const parentNew = newIdOf.get(m.parent_id) ?? run.map(table).get(String(m.parent_id)) ?? null;
        if (why) {
          c.setAside['Основание'] = String(m.parent_id);
          run.line(table, oldId, id, 'imported', `${why}: связь с основанием не перенесена`, 'Основание', String(m.parent_id));
        } else if (parentNew === null) {
          c.setAside['Основание'] = String(m.parent_id);
          run.line(table, oldId, id, 'imported', `основание № ${m.parent_id} в старой базе не найдено: связь не перенесена`, 'Основание', String(m.parent_id));
        } else parentId = parentNew;
      }
      run.count(table).imported++;
      const created = moscowTime(m.datetime_created);
      rows.push([
        id,
        c.row.direction,
        c.row.ourNumber,
        c.row.ourDate,
        c.row.theirNumber,
        c.row.theirDate,
        c.row.information,
        parentId,
        created ?? run.movedAt,
        created ?? run.movedAt,
      ]);
      remembered.push({ oldId, newId: id, outcome: 'imported', created, notes: c.setAside });
    }
    await run.insert(
      table,
      [
        ['id', 'int'],
        ['direction', 'text'],
        ['our_number', 'text'],
        ['our_date', 'date'],
        ['their_number', 'text'],
        ['their_date', 'date'],
        ['information', 'text'],
        ['parent_id', 'int'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      rows,
    );
    await run.remember(table, remembered, false); // nothing links to them later
    progress.tick(page.length);
  }
  run.letters = null;
  progress.done();
}

/** Every letter's parent (to find the loops) and its new id, before any letter or link is written. */
async function planMessages(run: Run): Promise<void> {
  const parents = new Map<number, number | null>();
  const fresh: number[] = [];
  for await (const page of run.options.old.pages<{ message_id: number; parent_id: number | null }>(
    `SELECT message_id, parent_id FROM messages ORDER BY message_id`,
    50_000,
  )) {
    await run.prefetch(
      'messages',
      page.map((r) => r.message_id),
    );
    for (const r of page) {
      parents.set(r.message_id, r.parent_id);
      if (!run.broughtEarlier('messages', r.message_id)) fresh.push(r.message_id);
    }
  }
  const broken = brokenThreads(parents);
  parents.clear();
  const newIdOf = new Map<number, number>();
  for (let at = 0; at < fresh.length; at += 50_000) {
    const slice = fresh.slice(at, at + 50_000);
    const ids = await run.ids('messages', slice.length);
    slice.forEach((oldId, i) => newIdOf.set(oldId, ids[i]!));
  }
  run.letters = { newIdOf, broken };
}

/**
 * Association rows of the old model (no key: a pair may repeat): read grouped, each pair once; brought only with a
 * record this run brings (a link of a record brought earlier was brought with it, and may since have been removed).
 */
async function importPairs(
  run: Run,
  spec: {
    table: Table;
    sql: string;
    /** the record whose links these are, and the one it links to */
    owner: { table: Table; resolve: (oldId: number) => number | null; label: string };
    target: { resolve: (oldId: number) => number | null; label: string };
    insert: { columns: readonly Column[]; conflict: string };
  },
): Promise<void> {
  const { old, progress } = run.options;
  const total = await old.count(`SELECT count(*) AS n FROM (${spec.sql}) pairs`);
  progress.start(total, LABELS[spec.table]);
  for await (const page of old.pages<{ owner: number | null; target: number | null; times: string }>(spec.sql, run.options.pageSize)) {
    await run.prefetch(
      spec.owner.table,
      page.flatMap((p) => (p.owner === null ? [] : [p.owner])),
    );
    const rows: number[][] = [];
    for (const p of page) {
      const times = Number(p.times);
      const c = run.count(spec.table);
      const oldId = `${p.owner ?? '—'}:${p.target ?? '—'}`;
      if (p.owner !== null && run.broughtEarlier(spec.owner.table, p.owner)) {
        c.already += times;
        continue;
      }
      c.read += times;
      const ownerNew = p.owner === null ? null : spec.owner.resolve(p.owner);
      const targetNew = p.target === null ? null : spec.target.resolve(p.target);
      if (ownerNew === null || targetNew === null) {
        c.skipped += times;
        const missing = ownerNew === null ? `${spec.owner.label} ${p.owner ?? '(пусто)'}` : `${spec.target.label} ${p.target ?? '(пусто)'}`;
        run.line(spec.table, oldId, null, 'skipped', `связь с несуществующей записью (${missing}): не перенесена`);
        continue;
      }
      c.imported++;
      if (times > 1) {
        c.merged += times - 1;
        run.line(spec.table, oldId, null, 'merged', `связь повторялась ${times} раза: перенесена одна`);
      }
      rows.push([ownerNew, targetNew]);
    }
    const inserted = await run.insert(spec.table, spec.insert.columns, rows, spec.insert.conflict);
    const twice = rows.length - inserted;
    if (twice > 0) {
      // two old organizations merged into one registry organization: the letter is linked to it once
      run.count(spec.table).imported -= twice;
      run.count(spec.table).merged += twice;
    }
    progress.tick(page.length);
  }
  progress.done();
}

async function importOrganizationLinks(run: Run): Promise<void> {
  const organizations = run.map('organizations');
  const letters = run.letters!.newIdOf;
  await importPairs(run, {
    table: 'organizations_messages',
    sql: `SELECT message_id AS owner, org_id AS target, count(*) AS times FROM organizations_messages GROUP BY 1, 2 ORDER BY 1, 2`,
    owner: { table: 'messages', resolve: (id) => letters.get(id) ?? null, label: 'письмо' },
    target: { resolve: (id) => organizations.get(String(id)) ?? null, label: 'организация' },
    insert: {
      columns: [
        ['message_id', 'int'],
        ['organization_id', 'int'],
      ],
      conflict: 'ON CONFLICT DO NOTHING',
    },
  });
}

// ---------------------------------------------------------------- resources and their links, outsourcing

async function importResources(run: Run): Promise<void> {
  const { old, progress, today } = run.options;
  const table = 'resources';
  progress.start(await old.count(`SELECT count(*) AS n FROM resources`), LABELS.resources);
  const organizations = run.map('organizations');
  for await (const page of old.pages<OldResource>(
    `SELECT resource_id, date_added, date_updated, is_okii, fstec_reg_number, name, category, date_added_to_fstec, date_updated_to_fstec,
            factual_addresses, resp_worker, is_active, ip_pool, dns_pool, org_id FROM resources ORDER BY resource_id`,
    run.options.pageSize,
  )) {
    const fresh = await run.freshOf(table, page, (r) => String(r.resource_id));
    const rows: unknown[][] = [];
    const remembered: Parameters<Run['remember']>[1] = [];
    for (const { row: r, oldId, id } of fresh) {
      run.count(table).read++;
      const owner = r.org_id === null ? null : (organizations.get(String(r.org_id)) ?? null);
      if (owner === null) {
        run.skip(table, oldId, `владелец (организация № ${r.org_id ?? '—'}) в старой базе не найден: ресурс без владельца не переносится`, remembered);
        continue;
      }
      const c = convertResource(r, today);
      for (const l of c.lines) run.line(table, oldId, id, 'imported', l.reason, l.field, l.value);
      run.count(table).imported++;
      const x = c.row;
      const updated = moscowDay(r.date_updated ?? r.date_added);
      rows.push([
        id,
        x.name,
        x.isOkii,
        x.fstecRegNumber,
        x.category,
        x.dateAddedToFstec,
        x.dateUpdatedToFstec,
        x.factualAddresses,
        x.respWorker,
        x.ipPool,
        x.dnsPool,
        owner,
        x.deleted ? (updated ?? run.movedAt) : null,
        moscowDay(r.date_added) ?? run.movedAt,
        updated ?? run.movedAt,
      ]);
      remembered.push({ oldId, newId: id, outcome: 'imported', created: moscowDay(r.date_added), updated: moscowDay(r.date_updated), notes: c.setAside });
    }
    await run.insert(
      table,
      [
        ['id', 'int'],
        ['name', 'text'],
        ['is_okii', 'boolean'],
        ['fstec_reg_number', 'text'],
        ['category', 'smallint'],
        ['date_added_to_fstec', 'date'],
        ['date_updated_to_fstec', 'date'],
        ['factual_addresses', 'text'],
        ['resp_worker', 'text'],
        ['ip_pool', 'text'],
        ['dns_pool', 'text'],
        ['owner_id', 'int'],
        ['deleted_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      rows,
    );
    await run.remember(table, remembered);
    progress.tick(page.length);
  }
  progress.done();
}

async function importResourceLinks(run: Run, table: 'resources_regions' | 'resources_industries'): Promise<void> {
  const regions = new Set<number>((await run.db.query(`SELECT id FROM regions`)).map((r: { id: number }) => r.id));
  const industries = run.map('industries');
  const resources = run.map('resources');
  const byRegion = table === 'resources_regions';
  await importPairs(run, {
    table,
    sql: byRegion
      ? `SELECT resource_id AS owner, region_id AS target, count(*) AS times FROM regions_resources GROUP BY 1, 2 ORDER BY 1, 2`
      : `SELECT resource_id AS owner, industry_id AS target, count(*) AS times FROM industries_resources GROUP BY 1, 2 ORDER BY 1, 2`,
    owner: { table: 'resources', resolve: (id) => resources.get(id) ?? null, label: 'ресурс' },
    target: byRegion
      ? { resolve: (id) => (regions.has(id) ? id : null), label: 'регион с кодом' }
      : { resolve: (id) => industries.get(String(id)) ?? null, label: 'сфера' },
    insert: {
      columns: [
        ['resource_id', 'int'],
        [byRegion ? 'region_id' : 'industry_id', 'int'],
      ],
      conflict: 'ON CONFLICT DO NOTHING',
    },
  });
}

async function importResponsibilities(run: Run): Promise<void> {
  const { old } = run.options;
  const table = 'responsibilities';
  const organizations = run.map('organizations');
  const resources = run.map('resources');
  for await (const page of old.pages<OldResponsibility>(
    `SELECT org_id, resource_id, date_start, date_end, props, comment FROM responsibilities ORDER BY org_id, resource_id, date_end`,
    run.options.pageSize,
  )) {
    const fresh = await run.freshOf(table, page, responsibilityOldId);
    const rows: unknown[][] = [];
    const remembered: Parameters<Run['remember']>[1] = [];
    for (const { row: r, oldId, id } of fresh) {
      run.count(table).read++;
      const organization = organizations.get(String(r.org_id)) ?? null;
      const resource = resources.get(String(r.resource_id)) ?? null;
      if (organization === null || resource === null) {
        run.skip(
          table,
          oldId,
          `${organization === null ? `организация № ${r.org_id}` : `ресурс № ${r.resource_id}`} не перенесена: запись не переносится`,
          remembered,
        );
        continue;
      }
      const c = convertResponsibility(r);
      for (const l of c.lines) run.line(table, oldId, id, 'imported', l.reason, l.field, l.value);
      run.count(table).imported++;
      rows.push([id, organization, resource, c.row.dateStart, c.row.dateEnd, c.row.props, c.row.comment]);
      remembered.push({ oldId, newId: id, outcome: 'imported', notes: c.setAside });
    }
    await run.insert(
      table,
      [
        ['id', 'int'],
        ['organization_id', 'int'],
        ['resource_id', 'int'],
        ['date_start', 'date'],
        ['date_end', 'date'],
        ['props', 'text'],
        ['comment', 'text'],
      ],
      rows,
    );
    await run.remember(table, remembered, false); // nothing links to them later
  }
}

// ---------------------------------------------------------------- documents and their scans

interface OldDocument {
  org_id: number;
  orgadm_id: number;
  date_approved: string | null;
  props: string | null;
  comment: string | null;
  org_uuid: string | null;
  name_prefix: string;
  type_name: string;
  prefix_shared: boolean;
}

/** Reads a file once: size, SHA-256 and the PDF check, without storing it (the dry run). */
async function inspectScan(file: string, maxBytes: number): Promise<{ size: number; sha256: string } | { refused: string }> {
  const info = await stat(file);
  if (info.size === 0) return { refused: 'файл скана пустой (0 байт)' };
  if (info.size > maxBytes) return { refused: `файл скана больше ${Math.round(maxBytes / 1024 / 1024)} МБ` };
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    const piece = chunk as Buffer;
    hash.update(piece);
    if (head.length < 1024) head = Buffer.concat([head, piece.subarray(0, 1024 - head.length)]);
    tail = Buffer.concat([tail, piece]).subarray(-1024);
  }
  if (!looksLikePdf(head, tail)) return { refused: 'файл скана не является документом PDF' };
  return { size: info.size, sha256: hash.digest('hex') };
}

async function importDocuments(run: Run): Promise<void> {
  const { old, progress, storage, filesRoot, dryRun } = run.options;
  const table = 'organization_documents';
  const organizations = run.map('organizations');
  const types = run.map('org_adm_docs');
  const hasComment = old.hasColumn('orgadmdocs_organizations', 'comment');
  const uuids = new Map<number, string>(
    (
      (await run.db.query(`SELECT id, uuid::text AS uuid FROM organizations WHERE id = ANY($1::int[])`, [
        [...new Set(organizations.values())].filter((v) => v !== null),
      ])) as {
        id: number;
        uuid: string;
      }[]
    ).map((r) => [r.id, r.uuid]),
  );
  // documents the registry already holds, by organization and type (one per pair here, as in the old model)
  const held = new Set<string>(
    ((await run.db.query(`SELECT organization_id || ':' || org_adm_doc_id AS k FROM organization_documents`)) as { k: string }[]).map((r) => r.k),
  );
  progress.start(await old.count(`SELECT count(*) AS n FROM orgadmdocs_organizations`), LABELS.organization_documents);
  const root = path.resolve(filesRoot);

  for await (const page of old.pages<OldDocument>(
    `SELECT d.org_id, d.orgadm_id, d.date_approved, d.props, ${hasComment ? 'd.comment' : 'NULL AS comment'}, o.uuid AS org_uuid, t.name_prefix, t.name AS type_name,
            (SELECT count(*) > 1 FROM orgadm_docs s WHERE s.name_prefix = t.name_prefix) AS prefix_shared
       FROM orgadmdocs_organizations d JOIN organizations o ON o.org_id = d.org_id JOIN orgadm_docs t ON t.orgadm_id = d.orgadm_id
      ORDER BY d.org_id, d.orgadm_id`,
    run.options.pageSize,
  )) {
    const fresh = await run.freshOf(table, page, documentOldId);
    const rows: unknown[][] = [];
    const remembered: Parameters<Run['remember']>[1] = [];
    for (const { row: d, oldId, id } of fresh) {
      run.count(table).read++;
      const organization = organizations.get(String(d.org_id)) ?? null;
      const type = types.get(String(d.orgadm_id)) ?? null;
      if (organization === null || type === null) {
        run.skip(table, oldId, 'организация или вид документа не перенесены: документ не переносится', remembered);
        continue;
      }
      if (held.has(`${organization}:${type}`)) {
        run.skip(
          table,
          oldId,
          `у организации № ${organization} в реестре уже есть документ «${d.type_name}»: документ старой системы не перенесён`,
          remembered,
        );
        continue;
      }
      held.add(`${organization}:${type}`);
      run.count(table).imported++;
      if (d.date_approved !== null && d.date_approved > run.options.today) {
        run.line(table, oldId, id, 'imported', 'дата подписи в будущем: перенесена как есть', 'Дата подписи', d.date_approved);
      }
      if (d.prefix_shared) {
        run.line(
          table,
          oldId,
          id,
          'imported',
          `у вида «${d.type_name}» то же имя файла, что у другого вида: скан мог быть перезаписан другим документом`,
          'Скан',
          `${d.name_prefix}.pdf`,
        );
      }

      // the scan, where the old service kept it
      let scan: { path: string; size: number; sha256: string } | null = null;
      const oldUuid = text(d.org_uuid)?.trim() ?? '';
      const relative =
        /^[0-9A-Za-z-]{2,36}$/.test(oldUuid) && /^[^/\\\0]+$/.test(d.name_prefix) && d.name_prefix !== '..' ? oldScanPath(oldUuid, d.name_prefix) : null;
      const file = relative ? path.join(root, relative) : null;
      const exists = file !== null && (await stat(file).catch(() => null))?.isFile() === true;
      if (!exists) {
        run.scans.missing++;
        run.line(table, oldId, id, 'imported', 'скан не найден: документ перенесён без скана', 'Скан', relative ?? '(у организации нет uuid)');
      } else if (dryRun) {
        const seen = await inspectScan(file, storage.maxBytes);
        if ('refused' in seen) {
          run.scans.refused++;
          run.line(table, oldId, id, 'imported', `${seen.refused}: документ перенесён без скана`, 'Скан', relative!);
        } else {
          run.scans.stored++;
          run.scans.bytes += seen.size;
        }
      } else {
        let received: ReceivedScan | null = null;
        try {
          received = await storage.receive(createReadStream(file));
          const placed = await storage.place(received, uuids.get(organization)!, `legacy-${d.org_id}-${d.orgadm_id}-${received.sha256.slice(0, 16)}.pdf`);
          run.placedScan(placed);
          scan = { path: placed, size: received.size, sha256: received.sha256 };
          run.scans.stored++;
          run.scans.bytes += received.size;
        } catch (error) {
          if (!(error instanceof ScanRejectedError)) throw error;
          run.scans.refused++;
          run.line(table, oldId, id, 'imported', `${error.userMessage.replace(/ —.*$/, '')}: документ перенесён без скана`, 'Скан', relative!);
        }
      }
      rows.push([id, organization, type, d.date_approved, text(d.props), text(d.comment), scan?.path ?? null, scan?.size ?? null, scan?.sha256 ?? null]);
      remembered.push({ oldId, newId: id, outcome: 'imported' });
      progress.tick(1);
    }
    await run.insert(
      table,
      [
        ['id', 'int'],
        ['organization_id', 'int'],
        ['org_adm_doc_id', 'int'],
        ['date_approved', 'date'],
        ['props', 'text'],
        ['comment', 'text'],
        ['file_path', 'text'],
        ['file_size', 'bigint'],
        ['file_sha256', 'text'],
      ],
      rows,
    );
    await run.remember(table, remembered, false); // nothing links to them later
  }
  progress.done();
}

/** The registry has no section of methodical documents yet: each one the old database holds is a line, not a silence. */
async function noteMethodicalDocuments(run: Run): Promise<void> {
  const { old } = run.options;
  if (!old.hasTable('methodical_docs')) return;
  const table = 'methodical_docs';
  const links = old.hasTable('methodicaldocs_messages');
  const rows = await old.rows<{ method_id: number; name: string; letters: string }>(
    `SELECT m.method_id, m.name, ${links ? '(SELECT count(*) FROM methodicaldocs_messages l WHERE l.method_id = m.method_id)' : '0'} AS letters
       FROM methodical_docs m ORDER BY m.method_id`,
  );
  await run.prefetch(
    table,
    rows.map((r) => r.method_id),
  );
  for (const r of rows) {
    if (run.wasBrought(table, String(r.method_id))) continue;
    run.count(table).read++;
    run.count(table).skipped++;
    run.line(
      table,
      String(r.method_id),
      null,
      'skipped',
      `в реестре нет раздела методических документов: «${r.name}» не перенесён (писем с ним: ${r.letters})`,
      'Название',
      r.name,
    );
  }
  await run.remember(
    table,
    rows.filter((r) => !run.broughtEarlier(table, r.method_id)).map((r) => ({ oldId: String(r.method_id), newId: null, outcome: 'skipped' as const })),
  );
}

/** Every table: the old database's count against what this run and earlier ones accounted for. */
async function countCheck(run: Run): Promise<void> {
  for (const [table, sql] of Object.entries(OLD_COUNT_SQL) as [Table, string][]) {
    if (table === 'methodical_docs' && !run.options.old.hasTable('methodical_docs')) continue;
    const c = run.count(table);
    c.oldCount = await run.options.old.count(sql);
    c.accounted = c.imported + c.merged + c.skipped + c.already;
  }
}
