import type {
  Action,
  ActionResponse,
  AdminJSOptions,
  After,
  Before,
  BrandingOptions,
  ListActionResponse,
  RecordActionResponse,
  ResourceOptions,
} from 'adminjs';
import type { DataSource } from 'typeorm';
import type { ChangeHistory } from '../history/history.service.js';
import { summaryLine } from '../domain/describe-entry.js';
import type { Config } from '../config.js';
import { createEgrulClient } from '../egrul/egrul-client.js';
import type { Logger } from '../logger.js';
import type { ScanStorage } from '../documents/scan-storage.js';
import { RegistryResource } from '../engine/admin/adapter/registry-resource.js';
import { countIsCapped } from '../engine/admin/adapter/list-plan.js';
import { RECORD_TITLE } from '../engine/admin/adapter/registry-record.js';
import { editContactsAction } from '../organizations/contacts.action.js';
import { attachDocumentAction, deleteDocumentAction } from '../documents/documents.actions.js';
import { egrulImportAction } from '../egrul/egrul-import.action.js';
import { restoreResourceAction } from '../resources/restore-resource.action.js';
import { isAdmin } from '../engine/admin/access.js';
import { Components, componentLoader } from '../engine/admin/component-loader.js';
import { dashboardHandler } from '../dashboard/dashboard.js';
import { addLetterStatuses, uniqueLetterNumber } from '../letters/message.hooks.js';
import { slimListResponse } from '../engine/admin/hooks/slim-list.hooks.js';
import { onlyEditableFields } from '../engine/admin/hooks/write-guard.hooks.js';
import { ru } from '../engine/admin/locale/ru.js';
import { NAVIGATION_LABELS } from '../engine/admin/navigation.js';
import { resourceDefinitions } from './panel-resources.js';
import type { ResourceDefinition } from '../engine/admin/resource-definition.js';

export const ADMIN_ROOT = '/admin';
/** The registry's name: the panel's heading, the login page, the browser tab. */
export const REGISTRY_TITLE = 'Реестр организаций';

/**
 * Property types AdminJS cannot infer from TypeORM: DATE columns are dates, not datetimes (P8),
 * TEXT columns are multi-line.
 */
function inferredPropertyTypes(dataSource: DataSource, definition: ResourceDefinition, resource: RegistryResource): ResourceOptions['properties'] {
  const properties: NonNullable<ResourceOptions['properties']> = {};
  for (const column of dataSource.getMetadata(definition.entity).columns) {
    if (column.relationMetadata) continue;
    if (column.type === 'date') properties[column.propertyName] = { type: 'date' };
    if (column.type === 'text') properties[column.propertyName] = { type: 'textarea' };
  }
  // the form's text fields stop at the length the server accepts (the server checks it again)
  for (const rule of resource.fieldRules()) {
    if (rule.kind === 'text' && rule.maxLength) properties[rule.path] = { ...properties[rule.path], props: { maxLength: rule.maxLength } };
  }
  for (const [path, options] of Object.entries(definition.options.properties ?? {})) {
    if (options.availableValues) properties[path] = { ...properties[path], props: { placeholder: 'Выберите…' } };
  }
  return properties;
}

function mergeProperties(inferred: ResourceOptions['properties'], explicit: ResourceOptions['properties']): ResourceOptions['properties'] {
  const merged: NonNullable<ResourceOptions['properties']> = { ...inferred };
  for (const [path, options] of Object.entries(explicit ?? {})) {
    merged[path] = { ...merged[path], ...options, props: { ...merged[path]?.props, ...options.props } };
  }
  return merged;
}

/** An action's own before or after hooks as a list (AdminJS takes one hook or several). */
const hooksOf = <T>(hooks: T | T[] | undefined | null): T[] => (hooks == null ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** The whole AdminJS configuration, without side effects (a test inspects it). */
export function buildAdminOptions(deps: {
  dataSource: DataSource;
  config: Pick<Config, 'timeZone' | 'egrul'>;
  logger: Logger;
  storage: ScanStorage;
  history: ChangeHistory;
}): AdminJSOptions {
  const { dataSource, config, logger, storage, history } = deps;
  const documents = { dataSource, storage, logger: logger.child('documents') };
  /** "Выгрузить" (CSV/XLSX of the current list): the component links to /admin/data/export. */
  const exportAction = {
    actionType: 'resource' as const,
    icon: 'Download',
    component: Components.ExportLinks,
    // opened in a drawer over the list, so AdminJS carries the list's filters and sort in the address
    showInDrawer: true,
    handler: async () => ({}),
  };
  /** Letters' rows and card: each one's answer status (ждёт ответа / отвечено / просрочено). */
  const letterStatuses: After<ListActionResponse> = async (response) => {
    await addLetterStatuses(dataSource, config.timeZone, response.records);
    return response;
  };
  const letterStatusOnCard: After<RecordActionResponse> = async (response) => {
    if (response.record) await addLetterStatuses(dataSource, config.timeZone, [response.record]);
    return response;
  };
  /** Actions that need the application's services, by entity name. */
  const serviceActions: Record<string, ResourceOptions['actions']> = {
    Message: { export: exportAction, show: { after: [letterStatusOnCard] } },
    AuditEntry: { export: { ...exportAction, isAccessible: isAdmin } },
    Resource: { export: exportAction, restore: restoreResourceAction(dataSource) },
    Organization: {
      export: exportAction,
      egrulImport: egrulImportAction({ dataSource, egrul: createEgrulClient(config.egrul), logger: logger.child('egrul') }),
      // «Массовый импорт»: the component talks to /admin/data/egrul-bulk (admins; checked there too)
      egrulBulkImport: {
        actionType: 'resource',
        icon: 'Upload',
        component: Components.EgrulBulkImport,
        isAccessible: isAdmin,
        showInDrawer: false,
        handler: async () => ({}),
      },
      attachDocument: attachDocumentAction(documents),
      editContacts: editContactsAction(),
    },
    OrganizationDocument: {
      delete: deleteDocumentAction(documents),
    },
  };
  /** A list whose filter is counted only up to COUNT_CAP says so (the list component shows "более 1000"). */
  const reportCappedTotal: After<ActionResponse> = async (response, _request, context) =>
    countIsCapped(context) ? { ...response, meta: { ...response.meta, totalIsCapped: true } } : response;
  /** The journal's rows: each entry's changes in one line, instead of the raw columns (which the list never shows). */
  const journalSummaries: After<ListActionResponse> = async (response) => {
    const described = await history.describedByIds(response.records.map((record) => String(record.params.id)));
    for (const record of response.records) {
      const entry = described.get(String(record.params.id));
      for (const key of Object.keys(record.params)) if (/^(changes|details|anchors)(\.|$)/.test(key)) delete record.params[key];
      record.params.summary = entry ? summaryLine(entry) : '';
    }
    return response;
  };
  /** The organizations' rows: each one's last check against EGRUL (one query for the page). */
  const egrulStatuses: After<ListActionResponse> = async (response) => {
    const ids = response.records.map((record) => Number(record.params.id));
    const rows: { id: number; status: string }[] =
      ids.length > 0 ? await dataSource.query(`SELECT organization_id AS id, status FROM egrul_checks WHERE organization_id = ANY($1)`, [ids]) : [];
    const statuses = new Map(rows.map((row) => [row.id, row.status]));
    for (const record of response.records) record.params.egrulStatus = statuses.get(Number(record.params.id)) ?? '';
    return response;
  };
  const listHooks: Record<string, After<ListActionResponse>[]> = { AuditEntry: [journalSummaries], Organization: [egrulStatuses], Message: [letterStatuses] };
  /** Every list: the resource's own `after` hooks, then the capped-total mark and the slimming of the answer. */
  const listAction = (definition: ResourceDefinition): Partial<Action<ListActionResponse>> => {
    const own = definition.options.actions?.list;
    return {
      ...own,
      after: [...hooksOf(own?.after), ...(listHooks[definition.entity.name] ?? []), reportCappedTotal, slimListResponse],
    } as Partial<Action<ListActionResponse>>;
  };
  /** Checks of a write that need the database, after the resource's own (which clean the payload). */
  const writeHooks: Record<string, Before[]> = { Message: [uniqueLetterNumber(dataSource)] };
  /** New and edit: the write guard first (only the form's fields, selects' values checked), then the resource's own. */
  const writeAction = (definition: ResourceDefinition, name: 'new' | 'edit'): Partial<Action<ActionResponse>> => {
    const own = definition.options.actions?.[name];
    return { ...own, before: [onlyEditableFields, ...hooksOf(own?.before), ...(writeHooks[definition.entity.name] ?? [])] } as Partial<Action<ActionResponse>>;
  };
  const resourceTranslations: Record<string, { properties: Record<string, string> }> = {};
  const resourceLabels: Record<string, string> = {};
  for (const definition of resourceDefinitions) {
    resourceTranslations[definition.entity.name] = { properties: definition.properties };
    resourceLabels[definition.entity.name] = definition.label;
  }
  return {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    componentLoader,
    resources: resourceDefinitions.map((definition) => {
      const resource = new RegistryResource(definition.entity, {
        timeZone: config.timeZone,
        virtualFilters: definition.virtualFilters,
        constraintMessages: definition.constraintMessages,
        countedTable: definition.countedTable,
        titleOf: definition.titleOf,
      });
      return {
        resource,
        options: {
          ...definition.options,
          actions: {
            ...definition.options.actions,
            list: listAction(definition),
            new: writeAction(definition, 'new'),
            edit: writeAction(definition, 'edit'),
            ...serviceActions[definition.entity.name],
          },
          // a record named by its own rule (RegistryResource's titleOf): AdminJS reads the hidden recordTitle
          ...(definition.titleOf ? { titleProperty: RECORD_TITLE } : {}),
          properties: mergeProperties(inferredPropertyTypes(dataSource, definition, resource), {
            ...definition.options.properties,
            ...(definition.titleOf ? { [RECORD_TITLE]: { isVisible: false } } : {}),
          }),
        },
      };
    }),
    dashboard: { component: Components.Dashboard, handler: dashboardHandler(dataSource, config.timeZone) },
    branding: {
      companyName: REGISTRY_TITLE,
      withMadeWithLove: false,
      logo: false,
      // the sidebar stays in place from 1200 px (AdminJS hides it behind a menu button below 1324 px, i.e. at 1280);
      // the design system merges any theme key, its type lists only colours, fonts and sizes
      theme: { breakpoints: ['577px', '769px', '1024px', '1200px'] } as unknown as NonNullable<BrandingOptions['theme']>,
    },
    env: { TIME_ZONE: config.timeZone },
    settings: { defaultPerPage: 20 }, // as the original's lists (20 / 50 / 100)
    locale: {
      language: 'ru',
      availableLanguages: ['ru'],
      localeDetection: false,
      fallbackLng: ['ru', 'en'],
      translations: {
        ru: {
          ...ru,
          labels: { ...ru.labels, ...NAVIGATION_LABELS, ...resourceLabels },
          resources: resourceTranslations,
        },
      },
    } as AdminJSOptions['locale'],
  };
}
