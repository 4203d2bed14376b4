import express, { type Request, type Router } from 'express';
import type { BaseResource } from 'adminjs';
import type { DataSource } from 'typeorm';
import { asyncRoute, currentUser, HttpError, idOrNotFound } from '../engine/http/kit.js';
import { instantText } from '../domain/describe-entry.js';
import { COMPARED_FIELDS, EGRUL_STATUS_TEXT, type ComparedField, type EgrulCheckStatus, type EgrulDifference } from '../domain/egrul-compare.js';
import { checkOneNow, EgrulServiceDown } from './egrul-check.service.js';
import type { EgrulClient } from './egrul-client.js';
import type { Logger } from '../logger.js';
import { accessRoutes } from '../engine/http/access-router.js';
import { currentActor, runAs } from '../engine/db/actor.js';

/**
 * The card's «Сверка с ЕГРЮЛ» (mounted at /admin/data, behind the panel's login):
 *   GET  /organizations/:id/egrul-check    the last check: status, when, the differences in words
 *   POST /organizations/:id/egrul-check    check now (the service is asked from the server; nothing the browser sent is fetched)
 *   POST /organizations/:id/egrul-apply    admins: apply the chosen fields, EGRUL's values from the stored check
 *                                          (the browser sends only field names), through the panel's write path
 */
/** Fields a refusal may name besides the compared ones (the active-twin rule names the INN). */
const FIELD_LABELS: Record<string, string> = { inn: 'ИНН', kpp: 'КПП' };

export function egrulCheckRoutes(deps: {
  dataSource: DataSource;
  egrul: EgrulClient;
  timeZone: string;
  logger: Logger;
  organizations: () => BaseResource | undefined;
}): Router {
  const { dataSource, egrul, timeZone } = deps;
  const routes = accessRoutes();

  async function stored(id: number, req: Request) {
    const [row] = await dataSource.query(
      `SELECT status, checked_at AS "checkedAt", differences, problem, failed_at AS "failedAt", failure FROM egrul_checks WHERE organization_id = $1`,
      [id],
    );
    const base = { configured: egrul.configured, canApply: currentUser(req)?.role === 'admin' };
    if (!row) return { ...base, status: null };
    const differences = (row.differences ?? []) as EgrulDifference[];
    const regionIds = differences
      .filter((d) => d.field === 'regionId')
      .flatMap((d) => [d.registry, d.egrul])
      .filter((v) => v !== null);
    const regions = new Map<number, string>(
      regionIds.length > 0
        ? ((await dataSource.query(`SELECT id, name FROM regions WHERE id = ANY($1)`, [regionIds])) as { id: number; name: string }[]).map((r) => [
            r.id,
            r.name,
          ])
        : [],
    );
    const text = (field: ComparedField, value: string | number | null) =>
      value === null
        ? null
        : field === 'regionId'
          ? (regions.get(Number(value)) ?? `код ${String(value).padStart(2, '0')} (нет в справочнике)`)
          : String(value);
    return {
      ...base,
      status: row.status as EgrulCheckStatus,
      statusText: EGRUL_STATUS_TEXT[row.status as EgrulCheckStatus],
      checkedAt: instantText(row.checkedAt, timeZone),
      problem: row.problem as string | null,
      // a failed attempt over an earlier result: the result stays, the attempt is said beside it
      failure:
        row.failedAt && row.status !== 'failed'
          ? `Последняя попытка сверки ${instantText(row.failedAt, timeZone)} не удалась: ${String(row.failure)} Показан результат предыдущей сверки.`
          : null,
      differences: differences.map((d) => ({
        field: d.field,
        label: COMPARED_FIELDS[d.field],
        registry: text(d.field, d.registry),
        egrul: text(d.field, d.egrul),
      })),
    };
  }

  const organizationId = (req: Request): number => idOrNotFound(req.params.id, 'Организация не найдена.');

  routes.get(
    '/organizations/:id/egrul-check',
    'logged-in',
    asyncRoute(async (req, res) => {
      res.json(await stored(organizationId(req), req));
    }),
  );

  routes.post(
    '/organizations/:id/egrul-check',
    'logged-in',
    asyncRoute(async (req, res) => {
      const id = organizationId(req);
      if (!egrul.configured) throw new HttpError(409, 'Сверка с ЕГРЮЛ не настроена: администратору нужно указать EGRUL_SERVICE_URL.');
      try {
        if (!(await checkOneNow(dataSource, egrul, id))) throw new HttpError(409, 'Сверять нечего: у организации не указан ИНН.');
      } catch (error) {
        if (error instanceof EgrulServiceDown) throw new HttpError(503, `${error.message} Сверка не выполнена; прежний результат сохранён.`);
        throw error;
      }
      res.json(await stored(id, req));
    }),
  );

  routes.post(
    '/organizations/:id/egrul-apply',
    { admin: 'Применять изменения из ЕГРЮЛ могут только администраторы.' },
    express.json({ limit: '4kb' }),
    asyncRoute(async (req, res) => {
      const id = organizationId(req);
      const fields = Array.isArray(req.body?.fields)
        ? (req.body.fields as unknown[]).filter((f): f is ComparedField => typeof f === 'string' && f in COMPARED_FIELDS)
        : [];
      if (fields.length === 0) throw new HttpError(400, 'Отметьте хотя бы одно поле, которое нужно взять из ЕГРЮЛ.');
      const [row] = await dataSource.query(`SELECT status, differences, checked_at AS "checkedAt" FROM egrul_checks WHERE organization_id = $1`, [id]);
      const differences = ((row?.differences ?? []) as EgrulDifference[]).filter((d) => fields.includes(d.field));
      if (row?.status !== 'changed' || differences.length === 0) throw new HttpError(409, 'Различий для применения нет — сверьте организацию с ЕГРЮЛ ещё раз.');
      const resource = deps.organizations();
      if (!resource) throw new Error('the Organization resource is not registered');
      const params = Object.fromEntries(differences.map((d) => [d.field, d.egrul === null ? '' : String(d.egrul)]));
      try {
        // the panel's write path: the same checks as a form's save, and the change history names this admin
        // recorded as taken from EGRUL, with the check it came from (the admin stays its author)
        const actor = currentActor();
        const fromCheck = { source: 'egrul' as const, egrul: 'egrul_fts_api', egrulCheck: new Date(row.checkedAt).toISOString() };
        await runAs(actor ? { ...actor, ...fromCheck } : { name: 'ЕГРЮЛ', ...fromCheck }, () => resource.update(String(id), params));
      } catch (error) {
        const errors = (error as { propertyErrors?: Record<string, { message?: string }>; baseError?: { message?: string } }).propertyErrors;
        const base = (error as { baseError?: { message?: string } }).baseError?.message;
        if (errors || base) {
          // each reason once, by the field's label (a constraint's refusal comes both as the field's and the record's)
          const label = (field: string) => COMPARED_FIELDS[field as ComparedField] ?? FIELD_LABELS[field] ?? 'Запись';
          const messages = Object.entries(errors ?? {}).map(([field, e]) => `${label(field)}: ${String(e.message ?? '').replace(/[.\s]+$/, '')}`);
          if (base && !Object.values(errors ?? {}).some((e) => e.message === base)) messages.push(base.replace(/[.\s]+$/, ''));
          throw new HttpError(422, `Изменения не применены: ${[...new Set(messages)].join('; ')}.`);
        }
        throw error;
      }
      const left = ((row.differences ?? []) as EgrulDifference[]).filter((d) => !fields.includes(d.field));
      await dataSource.query(`UPDATE egrul_checks SET differences = $2, status = $3 WHERE organization_id = $1`, [
        id,
        JSON.stringify(left),
        left.length === 0 ? 'actual' : 'changed',
      ]);
      deps.logger.info('EGRUL changes applied', { organizationId: id, fields, user: currentUser(req)?.email });
      res.json({ ...(await stored(id, req)), message: `Из ЕГРЮЛ взято: ${differences.map((d) => COMPARED_FIELDS[d.field]).join(', ')}. Запись сохранена.` });
    }),
  );
  return routes.router;
}
