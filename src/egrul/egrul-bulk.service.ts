import type { DataSource } from 'typeorm';
import type { InnLine } from '../domain/inn-list.js';
import { findActiveTwin } from '../organizations/organization.service.js';
import { EgrulServiceDown, serviceDownOf } from './egrul-check.service.js';
import { EgrulServiceError, type EgrulClient, type EgrulSearchPage } from './egrul-client.js';
import {
  describeDuplicate,
  findPossibleDuplicates,
  findRegisteredOrganizations,
  linkBranches,
  regionMissingMessage,
  saveImportedOrganization,
} from './egrul-import.service.js';
import { EgrulFieldError, organizationFieldsFromEgrul, type ImportedOrganizationFields } from './egrul-organization.js';

/** What the preview says of a line. */
export type PreviewState = 'invalid' | 'registered' | 'duplicate' | 'found' | 'branches' | 'not-found' | 'failed' | 'unchecked';

export interface PreviewUnit {
  serviceId: number;
  name: string;
  kpp: string | null;
  /** Our active organization with this INN+KPP, or null. */
  registryId: number | null;
}

export interface PreviewRow {
  line: number;
  input: string;
  inn: string | null;
  kpp: string | null;
  state: PreviewState;
  message: string;
  /** The unit to import (found, duplicate), or the one already in the registry. */
  unit: PreviewUnit | null;
  /** A head organization and its branches, to choose from (state «branches»). */
  units: PreviewUnit[];
}

/** Runs `work` over `items`, `concurrency` at a time, results in the items' order. */
async function pooled<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

/**
 * The preview of a list of INNs: each INN looked up in EGRUL once (its lines' KPPs picked from its units),
 * `concurrency` requests at a time, then against the registry in two queries — already there (with its card), a
 * possible duplicate, found, a head organization with branches to choose from, not found. An INN the service fails
 * on as a whole is asked again (3 tries, a pause between); after 5 such INNs in a row the rest is not asked, and
 * those lines are «не проверена» — the preview is kept, not discarded. Progress is reported per line.
 */
export interface PreviewOptions {
  concurrency?: number;
  /** After each line: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Pause before asking again after the service failed as a whole (tests shorten it). */
  retryPauseMs?: number;
}

/** Tries of one INN while the service fails as a whole, and consecutive such INNs after which the rest is not asked. */
const TRIES_PER_INN = 3;
const GIVE_UP_AFTER_DOWN_INNS = 5;

export async function previewInnList(dataSource: DataSource, client: EgrulClient, lines: InnLine[], options: PreviewOptions = {}): Promise<PreviewRow[]> {
  const { concurrency = 4, onProgress, retryPauseMs = 1000 } = options;
  // one list request per INN: the lines of one INN with different KPPs share it (a KPP is picked from its units)
  const byInn = new Map<string, Promise<EgrulSearchPage | EgrulServiceDown | EgrulServiceError>>();
  let downInARow = 0;
  let gaveUp: string | null = null;
  const unitsOf = (inn: string) => {
    let known = byInn.get(inn);
    if (!known) {
      known = (async () => {
        for (let attempt = 1; ; attempt += 1) {
          if (gaveUp) return new EgrulServiceDown(new EgrulServiceError('unreachable', gaveUp, gaveUp));
          try {
            const page = await client.lookup({ inn }, 'check');
            downInARow = 0;
            return page;
          } catch (error) {
            const down = serviceDownOf(error);
            if (!down) {
              if (error instanceof EgrulServiceError) return error;
              throw error;
            }
            if (attempt >= TRIES_PER_INN) {
              downInARow += 1;
              if (downInARow >= GIVE_UP_AFTER_DOWN_INNS) gaveUp = down.message;
              return down;
            }
            await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
          }
        }
      })();
      byInn.set(inn, known);
    }
    return known;
  };
  let done = 0;
  const looked = await pooled(lines, concurrency, async (line): Promise<PreviewRow> => {
    const row = await previewLine(line);
    done += 1;
    onProgress?.(done, lines.length);
    // what was read differently from the file is said in the line's result
    return line.note ? { ...row, message: `${row.message} (${line.note})` } : row;
  });
  async function previewLine(line: InnLine): Promise<PreviewRow> {
    const row: PreviewRow = {
      line: line.line,
      input: line.input,
      inn: line.inn,
      kpp: line.kpp,
      state: 'invalid',
      message: line.error ?? '',
      unit: null,
      units: [],
    };
    if (line.error || !line.inn) return row;
    const answer = await unitsOf(line.inn);
    if (answer instanceof EgrulServiceDown) {
      return { ...row, state: 'unchecked', message: `Не проверена: ${answer.message.replace(/[.\s]+$/, '')}. Проверьте список ещё раз позже.` };
    }
    if (answer instanceof EgrulServiceError) return { ...row, state: 'failed', message: answer.userMessage };
    let items = answer.items.filter((item) => item.inn === line.inn);
    let count = answer.count;
    if (line.kpp) {
      const wanted = line.kpp;
      items = items.filter((item) => item.kpp === wanted);
      if (items.length === 0 && answer.count > answer.items.length) {
        // more units than a page: this KPP asked for itself
        try {
          items = (await client.lookup({ inn: line.inn, kpp: wanted }, 'check')).items.filter((item) => item.inn === line.inn && item.kpp === wanted);
        } catch (error) {
          const down = serviceDownOf(error);
          if (down) return { ...row, state: 'unchecked', message: `Не проверена: ${down.message.replace(/[.\s]+$/, '')}. Проверьте список ещё раз позже.` };
          if (error instanceof EgrulServiceError) return { ...row, state: 'failed', message: error.userMessage };
          throw error;
        }
      }
      count = items.length;
    }
    const units = items.map((item) => ({ serviceId: item.serviceId, name: item.shortName ?? item.fullName, kpp: item.kpp, registryId: null }));
    if (units.length === 0) {
      return { ...row, state: 'not-found', message: line.kpp ? 'В ЕГРЮЛ нет организации с такими ИНН и КПП' : 'В ЕГРЮЛ нет организации с таким ИНН' };
    }
    if (units.length === 1) return { ...row, state: 'found', message: 'Найдена в ЕГРЮЛ', unit: units[0]! };
    return { ...row, state: 'branches', message: `Головная организация и филиалы (${count}): отметьте, кого добавить`, units };
  }
  // the registry, for every unit at once
  const units = looked.flatMap((row) => [...(row.unit ? [row.unit] : []), ...row.units].map((unit) => ({ row, unit })));
  const registered = await findRegisteredOrganizations(
    dataSource.manager,
    units.map(({ row, unit }) => ({ inn: row.inn, kpp: unit.kpp })),
  );
  const duplicates = await findPossibleDuplicates(
    dataSource.manager,
    units.map(({ row, unit }) => ({ inn: row.inn, kpp: unit.kpp })),
  );
  for (const { row, unit } of units) unit.registryId = registered.get(`${row.inn}/${unit.kpp ?? ''}`) ?? null;
  for (const row of looked) {
    if (row.state !== 'found' || !row.unit) continue;
    if (row.unit.registryId !== null) Object.assign(row, { state: 'registered', message: 'Уже есть в реестре' });
    else {
      const possible = duplicates.get(`${row.inn}/${row.unit.kpp ?? ''}`) ?? [];
      if (possible.length > 0) Object.assign(row, { state: 'duplicate', message: `Возможный дубль: ${possible.map(describeDuplicate).join(', ')}` });
    }
  }
  return looked;
}

export interface ImportedLine {
  line: number;
  created: boolean;
  organizationId: number;
  name: string;
}

/**
 * Imports the chosen units in one transaction: every detail is fetched and checked first (the service's INN must be
 * the line's), then all are inserted together, each as «актуальна» with its service id; a unit whose organization
 * is already active in the registry is reported, not doubled. Any failure writes nothing. Branches are linked to
 * their head organization as by the single import: the head's KPP is asked once per INN that may have branches
 * (`soleUnit` false), and a failure of that question only leaves the link out.
 */
export async function importChosenUnits(
  dataSource: DataSource,
  client: EgrulClient,
  chosen: { line: number; inn: string; serviceId: number; soleUnit: boolean }[],
  concurrency = 4,
): Promise<ImportedLine[]> {
  const details = await pooled(chosen, concurrency, async (choice): Promise<{ choice: typeof choice; fields: ImportedOrganizationFields }> => {
    try {
      const fields = organizationFieldsFromEgrul(await client.retrieve(choice.serviceId, 'import'));
      if (fields.inn !== choice.inn) {
        throw new EgrulFieldError('inn', `строка ${choice.line}: в ЕГРЮЛ под этим номером теперь ИНН ${fields.inn} — повторите проверку`);
      }
      return { choice, fields };
    } catch (error) {
      const down = serviceDownOf(error);
      if (down) throw down;
      if (error instanceof EgrulServiceError) throw new EgrulFieldError('answer', `строка ${choice.line}: ${error.userMessage}`);
      throw error;
    }
  });
  const headKpps = new Map<string, string | null | undefined>();
  for (const { choice, fields } of details) if (choice.soleUnit) headKpps.set(fields.inn, fields.kpp);
  const askHead = [...new Set(details.filter((d) => !headKpps.has(d.fields.inn)).map((d) => d.fields.inn))];
  const answers = await pooled(askHead, concurrency, async (inn) =>
    client.lookup({ inn, isMain: true }, 'import').then(
      (page) => page.items.find((item) => item.inn === inn)?.kpp,
      () => undefined,
    ),
  );
  askHead.forEach((inn, i) => headKpps.set(inn, answers[i]));
  return dataSource.transaction(async (manager) => {
    const regionIds = new Set<number>(
      (
        (await manager.query(`SELECT id FROM regions WHERE id = ANY($1)`, [
          [...new Set(details.map((d) => d.fields.regionCode).filter((c) => c !== null))],
        ])) as { id: number }[]
      ).map((r) => r.id),
    );
    // a card is never stored without the region EGRUL gives: the whole import is refused, naming the line
    const unknownRegion = details.find((d) => d.fields.regionCode !== null && !regionIds.has(d.fields.regionCode));
    if (unknownRegion) throw new EgrulFieldError('regionId', `строка ${unknownRegion.choice.line}: ${regionMissingMessage(unknownRegion.fields.regionCode)}`);
    const results: ImportedLine[] = [];
    for (const { choice, fields } of details) {
      // no advisory lock per organization (thousands would fill the lock table): a card created meanwhile by hand
      // makes the unique index refuse, and the whole import is then refused, writing nothing
      const twin = await findActiveTwin(manager, fields.inn, fields.kpp, null);
      if (twin) {
        results.push({ line: choice.line, created: false, organizationId: twin.id, name: twin.fullName });
        continue;
      }
      const regionId = fields.regionCode;
      const organization = await saveImportedOrganization(manager, fields, regionId, choice.serviceId);
      const headKpp = headKpps.get(fields.inn);
      if (headKpp !== undefined) await linkBranches(manager, organization.id, fields.inn, fields.kpp, headKpp);
      results.push({ line: choice.line, created: true, organizationId: organization.id, name: organization.fullName });
    }
    return results;
  });
}
