import type { Action, ActionResponse, AdminJSOptions, After, BrandingOptions, ResourceOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { RegistryResource } from '../engine/admin/adapter/registry-resource.js';
import { countIsCapped } from '../engine/admin/adapter/list-plan.js';
import { RECORD_TITLE } from '../engine/admin/adapter/registry-record.js';
import { accessFirst, isAdmin } from '../engine/admin/access.js';
import { Components, componentLoader } from '../engine/admin/component-loader.js';
import { dashboardHandler } from '../dashboard/dashboard.js';
import { slimListResponse } from '../engine/admin/hooks/slim-list.hooks.js';
import { toRecordCard } from '../engine/admin/hooks/to-record-card.hooks.js';
import { offerUndo } from '../engine/admin/hooks/undo.hooks.js';
import { RESTORABLE_TABLES } from '../history/history.service.js';
import { onlyEditableFields } from '../engine/admin/hooks/write-guard.hooks.js';
import { ru } from '../engine/admin/locale/ru.js';
import { NAVIGATION_LABELS } from '../engine/admin/navigation.js';
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

/** «Выгрузить» (CSV/XLSX of the current list): the component links to /admin/data/export. */
const exportAction = (adminOnly: boolean): Partial<Action<ActionResponse>> => ({
  actionType: 'resource',
  icon: 'Download',
  component: Components.ExportLinks,
  // opened in a drawer over the list, so AdminJS carries the list's filters and sort in the address
  showInDrawer: true,
  handler: async () => ({}),
  isAccessible: adminOnly ? isAdmin : true,
});

/** A list whose filter is counted only up to COUNT_CAP says so (the list component shows "более 1000"). */
const reportCappedTotal: After<ActionResponse> = async (response, _request, context) =>
  countIsCapped(context) ? { ...response, meta: { ...response.meta, totalIsCapped: true } } : response;

/** AdminJS's own actions of every section (each gets the access check first, like the section's own actions). */
const BUILT_IN_ACTIONS = ['list', 'show', 'search', 'new', 'edit', 'delete', 'bulkDelete'] as const;

/**
 * What every section gets, in one place: every action, AdminJS's and the section's own, starts with the access check
 * (accessFirst: before any other hook, parser or hash); its list ends with the capped-total mark and the slimming of
 * the answer (after the section's own hooks); its new and edit then run the write guard (only the form's fields,
 * selects' values checked) before the section's own; a section with `export` columns gets «Выгрузить».
 */
function withSharedBehaviour(definition: ResourceDefinition, dataSource: DataSource): ResourceOptions['actions'] {
  const own: Record<string, Partial<Action<ActionResponse>> | undefined> = {
    ...(definition.options.actions as Record<string, Partial<Action<ActionResponse>>>),
  };
  if (definition.export) own.export = exportAction(Boolean(definition.export.adminOnly));
  const actions: Record<string, Partial<Action<ActionResponse>>> = {};
  for (const name of new Set([...BUILT_IN_ACTIONS, ...Object.keys(own)])) {
    const action = own[name] ?? {};
    // an action of a section's own declares who may run it: AdminJS would let everyone (isAccessible defaults to true)
    if (!(BUILT_IN_ACTIONS as readonly string[]).includes(name) && action.isAccessible === undefined) {
      throw new Error(`${definition.entity.name}.${name}: an action of its own must declare isAccessible (who may run it)`);
    }
    const guard = name === 'new' || name === 'edit' ? [onlyEditableFields] : [];
    actions[name] = { ...action, before: [accessFirst, ...guard, ...hooksOf(action.before)] } as Partial<Action<ActionResponse>>;
  }
  actions.list = { ...actions.list, after: [...hooksOf(actions.list?.after), reportCappedTotal, slimListResponse] } as Partial<Action<ActionResponse>>;
  for (const name of ['new', 'edit'] as const) {
    actions[name] = { ...actions[name], after: [...hooksOf(actions[name]?.after), toRecordCard] } as Partial<Action<ActionResponse>>;
  }
  // a delete asks on a page of its own naming the record; one the history can restore is offered «Отменить» after
  const table = dataSource.getMetadata(definition.entity).tableName;
  actions.delete = {
    ...actions.delete,
    component: actions.delete?.component ?? Components.DeleteConfirm,
    after: [...hooksOf(actions.delete?.after), ...(RESTORABLE_TABLES.includes(table) ? [offerUndo(dataSource, table)] : [])],
  } as Partial<Action<ActionResponse>>;
  return actions as ResourceOptions['actions'];
}

/** The whole AdminJS configuration from the panel's sections, without side effects (a test inspects it). */
export function buildAdminOptions(deps: { dataSource: DataSource; timeZone: string; definitions: ResourceDefinition[] }): AdminJSOptions {
  const { dataSource, timeZone, definitions } = deps;
  const resourceTranslations: Record<string, { properties: Record<string, string>; actions: Record<string, string> }> = {};
  const resourceLabels: Record<string, string> = {};
  for (const definition of definitions) {
    // a list is headed by its section's name, a new record's form by what it makes («Новое письмо»)
    resourceTranslations[definition.entity.name] = {
      properties: definition.properties,
      actions: { list: definition.label, ...(definition.newLabel ? { new: definition.newLabel } : {}) },
    };
    resourceLabels[definition.entity.name] = definition.label;
  }
  return {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    componentLoader,
    resources: definitions.map((definition) => {
      const resource = new RegistryResource(definition.entity, {
        timeZone,
        virtualFilters: definition.virtualFilters,
        constraintMessages: definition.constraintMessages,
        countedTable: definition.countedTable,
        titleOf: definition.titleOf,
        labels: definition.properties,
        sortExpressions: definition.sortExpressions,
      });
      return {
        resource,
        options: {
          ...definition.options,
          actions: withSharedBehaviour(definition, dataSource),
          // a record named by its own rule (RegistryResource's titleOf): AdminJS reads the hidden recordTitle
          ...(definition.titleOf ? { titleProperty: RECORD_TITLE } : {}),
          properties: mergeProperties(inferredPropertyTypes(dataSource, definition, resource), {
            ...definition.options.properties,
            ...(definition.titleOf ? { [RECORD_TITLE]: { isVisible: false } } : {}),
            // the row's version travels with the form (optimistic concurrency) and is shown nowhere
            ...(dataSource.getMetadata(definition.entity).columns.some((c) => c.propertyPath === 'version') ? { version: { isVisible: false } } : {}),
          }),
        },
      };
    }),
    dashboard: { component: Components.Dashboard, handler: dashboardHandler(dataSource, timeZone) },
    branding: {
      companyName: REGISTRY_TITLE,
      withMadeWithLove: false,
      logo: false,
      // the sidebar stays in place from 1200 px (AdminJS hides it behind a menu button below 1324 px, i.e. at 1280);
      // the design system merges any theme key, its type lists only colours, fonts and sizes
      // grey60, the design system's secondary text (labels, hints, headers), darkened from #898a9a (3.4:1 on white) to
      // 6.4:1: text contrast at least 4.5:1
      theme: { breakpoints: ['577px', '769px', '1024px', '1200px'], colors: { grey60: '#5c5e70' } } as unknown as NonNullable<BrandingOptions['theme']>,
    },
    // read on the server (registry-today.ts); the panel's pages carry it in a <meta> (the bundle's env is fixed at build)
    env: { TIME_ZONE: timeZone },
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
