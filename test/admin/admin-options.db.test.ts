import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActionContext } from 'adminjs';
import { entities } from '../../entities/index.js';
import { createScanStorage } from '../../src/documents/scan-storage.js';
import { createLogger } from '../../src/logger.js';
import { buildAdminOptions } from '../../src/app/admin-options.js';
import { historyVocabulary } from '../../src/history/history-vocabulary.js';
import { ChangeHistory } from '../../src/history/history.service.js';
import { OVERRIDES, componentLoader } from '../../src/engine/admin/component-loader.js';
import { panelResources } from '../../src/app/panel-resources.js';
import type { ResourceDefinition } from '../../src/engine/admin/resource-definition.js';
import { createEgrulClient } from '../../src/egrul/egrul-client.js';
import { useTestDatabase } from '../support/db.js';

describe('panel configuration', () => {
  const db = useTestDatabase('options');
  const definitions = (): ResourceDefinition[] =>
    panelResources({
      dataSource: db.dataSource,
      timeZone: 'Europe/Moscow',
      logger: createLogger('silent'),
      storage: createScanStorage('/tmp/cert-test-files-unused', 1024),
      egrul: createEgrulClient({ serviceUrl: undefined, timeoutMs: 10_000 }),
      history: (): ChangeHistory => new ChangeHistory(db.dataSource, historyVocabulary(db.dataSource, definitions()), 'Europe/Moscow'),
      journalColumns: () => [],
    });
  const options = () => buildAdminOptions({ dataSource: db.dataSource, timeZone: 'Europe/Moscow', definitions: definitions() });
  const resourceOf = (name: string) =>
    options().resources?.find((r) => (r as { resource: { name(): string } }).resource.name() === name) as {
      options: { actions?: Record<string, { isAccessible?: boolean | ((c: ActionContext) => boolean) }>; properties?: Record<string, { type?: string }> };
    };
  const allowed = (name: string, action: string, role: 'admin' | 'clerk') => {
    const access = resourceOf(name).options.actions?.[action]?.isAccessible;
    if (access === undefined) return true;
    return typeof access === 'function' ? access({ currentAdmin: { role } } as unknown as ActionContext) : access;
  };

  it('refuses a section’s own action that does not say who may run it (AdminJS would let everyone)', () => {
    const [first, ...rest] = definitions();
    const careless: ResourceDefinition = {
      ...first!,
      options: { ...first!.options, actions: { ...first!.options.actions, frobnicate: { actionType: 'resource', handler: async () => ({}) } } },
    };
    expect(() => buildAdminOptions({ dataSource: db.dataSource, timeZone: 'Europe/Moscow', definitions: [careless, ...rest] })).toThrow(
      /\.frobnicate: an action of its own must declare isAccessible/,
    );
  });

  it('registers every entity exactly once, each with Russian labels for its columns', () => {
    expect(
      definitions()
        .map((d) => d.entity.name)
        .sort(),
    ).toEqual(entities.map((e) => e.name).sort());
    for (const definition of definitions()) {
      const columns = db.dataSource.getMetadata(definition.entity).columns.map((c) => c.propertyName);
      const unlabelled = columns.filter((c) => !(c in definition.properties));
      expect(unlabelled, definition.entity.name).toEqual([]);
    }
  });

  it('types DATE columns as dates (not datetimes) and ships every overridden component', () => {
    expect(resourceOf('Organization').options.properties?.dateAgreement?.type).toBe('date');
    expect(resourceOf('Message').options.properties?.theirDate?.type).toBe('date');
    for (const file of Object.values(OVERRIDES)) expect(existsSync(file), file).toBe(true);
    expect(Object.keys(componentLoader.getComponents())).toEqual(expect.arrayContaining(['Dashboard', ...Object.keys(OVERRIDES)]));
  });

  it('never deletes organizations, keeps users to admins and reference data writable by admins only', () => {
    for (const role of ['admin', 'clerk'] as const) {
      expect(allowed('Organization', 'delete', role)).toBe(false);
      expect(allowed('Organization', 'bulkDelete', role)).toBe(false);
      expect(allowed('Organization', 'edit', role)).toBe(true);
    }
    for (const action of ['list', 'show', 'new', 'edit', 'delete']) {
      expect(allowed('User', action, 'admin')).toBe(true);
      expect(allowed('User', action, 'clerk')).toBe(false);
    }
    for (const reference of ['Region', 'Okrug', 'Industry', 'OrgAdmDoc']) {
      expect(allowed(reference, 'edit', 'admin')).toBe(true);
      expect(allowed(reference, 'edit', 'clerk')).toBe(false);
      expect(allowed(reference, 'list', 'clerk')).toBe(true);
    }
    expect(allowed('Address', 'edit', 'admin')).toBe(false);
  });

  it('speaks Russian: the UI language is ru with English only as a fallback', () => {
    const locale = options().locale as { language: string; fallbackLng: string[]; translations: { ru: { labels: Record<string, string> } } };
    expect(locale.language).toBe('ru');
    expect(locale.fallbackLng).toEqual(['ru', 'en']);
    expect(locale.translations.ru.labels.Organization).toBe('Организации');
    expect(locale.translations.ru.labels['nav.organizations']).toBe('Организации');
  });
});
