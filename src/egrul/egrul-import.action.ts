import type { Action, ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { currentActor, runAs } from '../engine/db/actor.js';
import { EgrulServiceError, type EgrulClient } from './egrul-client.js';
import { egrulFormFill, importFromEgrul, parseImportKey, reactivateOrganization, searchEgrul } from './egrul-import.service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isAdmin } from '../engine/admin/access.js';
import { Components } from '../engine/admin/component-loader.js';

export interface EgrulActionDependencies {
  dataSource: DataSource;
  egrul: EgrulClient;
  logger: Logger;
}

export interface EgrulActionError {
  error: { message: string };
}

const MAX_PAGE = 100_000;

/**
 * "Импорт из ЕГРЮЛ" on the organizations list: a thin adapter from the AdminJS API to src/egrul.
 * GET tells the component whether the service is configured and whether this user may import;
 * POST {operation: 'search', query, page} searches; POST {operation: 'add', serviceId, inn, kpp} imports (admins);
 * POST {operation: 'fill', inn, kpp} gives the organization form's values for "Заполнить из ЕГРЮЛ" (writes nothing).
 */
export function egrulImportAction({ dataSource, egrul, logger }: EgrulActionDependencies): Partial<Action<ActionResponse>> {
  const showUrl = (context: ActionContext, id: number) =>
    context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(id), actionName: 'show' });

  const failure = (error: unknown, operation: string): EgrulActionError => {
    if (error instanceof EgrulServiceError) {
      const log = error.failure === 'not-found' || error.failure === 'page-not-found' ? logger.info : logger.warn;
      log(`EGRUL ${operation} failed: ${error.failure}`, { cause: error.message });
      return { error: { message: error.userMessage } };
    }
    if (error instanceof AppError) return { error: { message: error.userMessage } };
    logger.error(`EGRUL ${operation} failed`, { error });
    return { error: { message: 'Внутренняя ошибка при обращении к ЕГРЮЛ; подробности — в журнале сервера.' } };
  };

  return {
    actionType: 'resource',
    icon: 'Download',
    component: Components.EgrulImport,
    showInDrawer: false,
    // every logged-in user may search; only admins import (checked in the handler, not only hidden in the UI)
    isAccessible: true,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const canImport = isAdmin(context);
      if (request.method !== 'post') {
        return { egrul: { configured: egrul.configured, canImport } };
      }
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      if (payload.operation === 'search') {
        const page = Number(payload.page ?? 1);
        if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) return { error: { message: 'Неверный номер страницы результатов.' } };
        try {
          const result = await searchEgrul(dataSource, egrul, String(payload.query ?? ''), page);
          return {
            egrul: {
              ...result,
              rows: result.rows.map((row) => ({
                ...row,
                registryUrl: row.registryId === null ? null : showUrl(context, row.registryId),
                possibleDuplicates: row.possibleDuplicates.map((d) => ({ ...d, url: showUrl(context, d.id) })),
              })),
            },
          };
        } catch (error) {
          return failure(error, 'search');
        }
      }
      if (payload.operation === 'add') {
        if (!canImport) return { error: { message: 'Добавлять организации из ЕГРЮЛ могут только администраторы.' } };
        try {
          const key = parseImportKey(payload);
          // the change history says the card came from EGRUL, imported by this admin
          const admin = currentActor();
          const result = await runAs(admin ? { ...admin, source: 'egrul', egrul: 'egrul_fts_api' } : { name: 'ЕГРЮЛ', source: 'egrul' }, () =>
            importFromEgrul(dataSource, egrul, key, { evenIfPossibleDuplicate: payload.anyway === 'true' }),
          );
          logger.info(result.created ? 'organization imported from EGRUL' : 'EGRUL import: already in the registry', {
            organizationId: result.organizationId,
            inn: key.inn,
            kpp: key.kpp,
            user: (context.currentAdmin as { email?: string } | undefined)?.email,
          });
          const message = result.created
            ? `Организация «${result.name}» добавлена из ЕГРЮЛ.${result.regionWarning ? ` ${result.regionWarning}` : ''}`
            : `Организация «${result.name}» уже есть в реестре — открыта её карточка.`;
          return {
            egrul: { created: result.created, organizationId: result.organizationId },
            redirectUrl: showUrl(context, result.organizationId),
            notice: { message, type: result.created && !result.regionWarning ? 'success' : 'info' },
          };
        } catch (error) {
          return failure(error, 'import');
        }
      }
      if (payload.operation === 'reactivate') {
        if (!canImport) return { error: { message: 'Восстанавливать организации могут только администраторы.' } };
        const id = Number(payload.organizationId);
        if (!Number.isInteger(id) || id < 1) return { error: { message: 'Не указана организация — обновите результаты поиска.' } };
        try {
          const result = await reactivateOrganization(dataSource, id);
          logger.info('organization reactivated from the EGRUL import', {
            organizationId: id,
            user: (context.currentAdmin as { email?: string } | undefined)?.email,
          });
          return {
            egrul: { reactivated: id },
            redirectUrl: showUrl(context, id),
            notice: { message: `Организация «${result.name}» снова действующая.`, type: 'success' },
          };
        } catch (error) {
          return failure(error, 'reactivate');
        }
      }
      if (payload.operation === 'fill') {
        try {
          const result = await egrulFormFill(dataSource, egrul, { inn: payload.inn, kpp: payload.kpp });
          return { egrul: result.kind === 'values' && result.registryId !== null ? { ...result, registryUrl: showUrl(context, result.registryId) } : result };
        } catch (error) {
          return failure(error, 'form fill');
        }
      }
      return { error: { message: 'Неизвестная операция.' } };
    },
  };
}

/** «Массовый импорт» on the organizations list (admins): the component talks to /admin/data/egrul-bulk, which checks the role again. */
export const egrulBulkImportAction = (): Partial<Action<ActionResponse>> => ({
  actionType: 'resource',
  icon: 'Upload',
  component: Components.EgrulBulkImport,
  isAccessible: isAdmin,
  showInDrawer: false,
  handler: async () => ({}),
});
