import React, { useEffect, useRef, useState } from 'react';
import { Box, Button, Icon, Input, Text } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCurrentAdmin, useTranslation, type BasePropertyJSON, type ResourceJSON } from 'adminjs';
import { formatDate } from './date-format';
import { loadListedOptions, loadReferenceTitles } from './reference-titles';

const FILTER_PREFIX = 'filters.';

/** The address's filter keys (`filters.q`, `filters.ourDate~~from`, …) that have a value. */
export function activeFilterKeys(search: string): string[] {
  return [...new URLSearchParams(search).entries()].filter(([key, value]) => key.startsWith(FILTER_PREFIX) && value !== '').map(([key]) => key);
}

/** The address without the given filter keys (or without every filter), back on page 1. */
function withoutFilters(search: string, keys?: string[]): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    if (key.startsWith(FILTER_PREFIX) && (!keys || keys.includes(key))) params.delete(key);
  }
  params.delete('page');
  return params.toString();
}

interface Chip {
  keys: string[];
  label: string;
  value: string;
}

/** One chip per filtered property: its label and value in words (a reference by its title, a date range as «с … по …»). */
function useChips(resource: ResourceJSON, search: string, executorSelf: string | null): Chip[] {
  const [titles, setTitles] = useState<Record<string, string>>({});
  const { translateProperty } = useTranslation();
  const params = new URLSearchParams(search);
  const byProperty = new Map<string, { keys: string[]; values: Record<string, string> }>();
  for (const key of activeFilterKeys(search)) {
    const [path = '', part = ''] = key.slice(FILTER_PREFIX.length).split('~~');
    const entry = byProperty.get(path) ?? { keys: [], values: {} };
    entry.keys.push(key);
    entry.values[part] = params.get(key) ?? '';
    byProperty.set(path, entry);
  }
  const properties = new Map<string, BasePropertyJSON>(resource.filterProperties.map((p) => [p.propertyPath, p]));
  const wanted = [...byProperty.entries()].flatMap(([path, { values }]) => {
    const property = properties.get(path);
    return property?.reference ? (values[''] ?? '').split(',').map((id) => `${property.reference}:${id}`) : [];
  });
  /** A reference's title: from the property's own option list when it has one (a letter's executor), else its record. */
  const titleOf = async (key: string): Promise<string> => {
    const [reference = '', id = ''] = key.split(':');
    const property = [...properties.values()].find((p) => p.reference === reference);
    const optionsUrl = (property?.props as { optionsUrl?: string } | undefined)?.optionsUrl;
    if (optionsUrl) return (await loadListedOptions(optionsUrl, { ids: id })).find((o) => String(o.value) === id)?.label ?? `№ ${id}`;
    const [found] = await loadReferenceTitles(reference, [id]);
    return found?.label ?? `№ ${id}`;
  };
  useEffect(() => {
    const missing = wanted.filter((key) => !(key in titles));
    if (missing.length === 0) return;
    Promise.all(missing.map(async (key) => [key, await titleOf(key).catch(() => key)] as const)).then((pairs) =>
      setTitles((now) => ({ ...now, ...Object.fromEntries(pairs) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted.join('|')]);

  return [...byProperty.entries()].map(([path, { keys, values }]) => {
    const property = properties.get(path);
    const label = translateProperty(path, resource.id);
    const plain = values[''];
    let value: string;
    if (values.from !== undefined || values.to !== undefined) {
      value = [values.from ? `с ${formatDate(values.from)}` : '', values.to ? `по ${formatDate(values.to)}` : ''].filter(Boolean).join(' ');
    } else if (property?.reference && plain !== undefined) {
      value =
        path === 'executorId' && plain === executorSelf
          ? 'я'
          : plain
              .split(',')
              .map((id) => titles[`${property.reference}:${id}`] ?? '…')
              .join(', ');
    } else if (property?.availableValues && plain !== undefined) {
      value = property.availableValues.find((v) => String(v.value) === plain)?.label ?? plain;
    } else if (property?.type === 'boolean') {
      value = plain === 'true' ? 'да' : 'нет';
    } else {
      value = plain ?? '';
    }
    return { keys, label, value };
  });
}

/** Filters of the letters register one click away: the signed-in clerk's, those waiting for an answer, the overdue. */
function quickFilters(resourceId: string, selfId: string | null): { label: string; filters: Record<string, string> }[] {
  if (resourceId !== 'Message') return [];
  return [
    ...(selfId ? [{ label: 'Мои', filters: { executorId: selfId } }] : []),
    { label: 'Ждут ответа', filters: { status: 'waiting' } },
    { label: 'Просроченные', filters: { status: 'overdue' } },
  ];
}

/** The regions for the select beside the search box: loaded once per page, by name. */
let regionsOnce: Promise<{ id: string; name: string }[]> | null = null;
function loadRegions(): Promise<{ id: string; name: string }[]> {
  regionsOnce ??= fetch('/admin/api/resources/Region/actions/list?perPage=100&sortBy=name&direction=asc', { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : { records: [] }))
    .then((body: { records?: { id: string; title: string }[] }) => (body.records ?? []).map((r) => ({ id: String(r.id), name: r.title })))
    .catch(() => {
      regionsOnce = null;
      return [];
    });
  return regionsOnce;
}

/** «Регион» beside the search box of a list that filters by region: one choice, no drawer (issue 24, item 9). */
const RegionSelect: React.FC<{ value: string; onChange: (id: string) => void }> = ({ value, onChange }) => {
  const [regions, setRegions] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    void loadRegions().then(setRegions);
  }, []);
  return (
    <select
      aria-label="Регион"
      title="Регион"
      data-testid="list-region"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      style={{ height: 32, maxWidth: 220, border: '1px solid #c0c0ca', borderRadius: 4, padding: '0 8px', background: '#fff', font: 'inherit', fontSize: 14 }}
    >
      <option value="">Все регионы</option>
      {regions.map((region) => (
        <option key={region.id} value={region.id}>
          {region.name}
        </option>
      ))}
    </select>
  );
};

/**
 * The always-visible search box above a list (when the section has the `q` filter): focused on arrival, Enter
 * searches; the active filters as chips, each removable; quick filters for letters.
 */
export const ListSearch: React.FC<{ resource: ResourceJSON }> = ({ resource }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const [currentAdmin] = useCurrentAdmin();
  const selfId = currentAdmin?.id ? String(currentAdmin.id) : null;
  const query = new URLSearchParams(location.search).get(`${FILTER_PREFIX}q`) ?? '';
  const [text, setText] = useState(query);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setText(query), [query]);
  useEffect(() => {
    input.current?.focus();
  }, [resource.id]);
  const searchProperty = resource.filterProperties.find((p) => p.propertyPath === 'q');
  const chips = useChips(resource, location.search, selfId);
  const quick = quickFilters(resource.id, selfId);
  const go = (search: string) => navigate({ pathname: location.pathname, search });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(withoutFilters(location.search, [`${FILTER_PREFIX}q`]));
    if (text.trim()) params.set(`${FILTER_PREFIX}q`, text.trim());
    go(params.toString());
  };
  const applyQuick = (filters: Record<string, string>) => {
    const params = new URLSearchParams(
      withoutFilters(
        location.search,
        Object.keys(filters).map((k) => FILTER_PREFIX + k),
      ),
    );
    for (const [key, value] of Object.entries(filters)) params.set(FILTER_PREFIX + key, value);
    go(params.toString());
  };
  const isActive = (filters: Record<string, string>) =>
    Object.entries(filters).every(([k, v]) => new URLSearchParams(location.search).get(FILTER_PREFIX + k) === v);

  const regionProperty = resource.filterProperties.find((p) => p.propertyPath === 'regionId' && p.reference === 'Region');
  const region = new URLSearchParams(location.search).get(`${FILTER_PREFIX}regionId`) ?? '';
  const chooseRegion = (id: string) => {
    const params = new URLSearchParams(withoutFilters(location.search, [`${FILTER_PREFIX}regionId`]));
    if (id) params.set(`${FILTER_PREFIX}regionId`, id);
    go(params.toString());
  };

  if (!searchProperty && chips.length === 0 && quick.length === 0) return null;
  const placeholder = (searchProperty?.props as { placeholder?: string } | undefined)?.placeholder;
  return (
    <Box mb="default" data-testid="list-search" flex flexDirection="row" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      {searchProperty ? (
        <form onSubmit={submit} role="search" style={{ display: 'flex', gap: 8, alignItems: 'center', flex: '1 1 420px', maxWidth: 640 }}>
          <Input
            ref={input}
            type="search"
            name="q"
            aria-label={`Поиск: ${searchProperty.description ?? ''}`}
            title={searchProperty.description ?? undefined}
            placeholder={placeholder ? `Поиск: ${placeholder}` : 'Поиск'}
            value={text}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
            style={{ flexGrow: 1, height: 32 }}
            data-testid="list-search-input"
          />
          <Button type="submit" variant="contained" size="sm" style={{ height: 32 }}>
            <Icon icon="Search" />
            Найти
          </Button>
        </form>
      ) : null}
      {regionProperty ? <RegionSelect value={region} onChange={chooseRegion} /> : null}
      {quick.length || chips.length ? (
        <Box flex flexDirection="row" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
          {quick.map((q) => (
            <Button
              key={q.label}
              type="button"
              size="sm"
              rounded
              variant={isActive(q.filters) ? 'contained' : 'outlined'}
              aria-pressed={isActive(q.filters)}
              onClick={() =>
                isActive(q.filters)
                  ? go(
                      withoutFilters(
                        location.search,
                        Object.keys(q.filters).map((k) => FILTER_PREFIX + k),
                      ),
                    )
                  : applyQuick(q.filters)
              }
              data-testid={`quick-${q.filters.status ?? 'mine'}`}
            >
              {q.label}
            </Button>
          ))}
          {chips.map((chip) => (
            <span
              key={chip.keys.join()}
              data-testid="filter-chip"
              style={{
                display: 'inline-flex',
                alignItems: 'center',
                gap: 6,
                padding: '4px 6px 4px 12px',
                borderRadius: 16,
                background: '#e9ebfb',
                fontSize: 13,
                whiteSpace: 'nowrap',
              }}
            >
              <span style={{ color: '#454655' }}>{chip.label}:</span>
              <strong style={{ fontWeight: 500, maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis' }} title={chip.value}>
                {chip.value}
              </strong>
              <button
                type="button"
                aria-label={`Убрать фильтр «${chip.label}»`}
                title="Убрать фильтр"
                onClick={() => go(withoutFilters(location.search, chip.keys))}
                style={{ border: 0, background: 'transparent', cursor: 'pointer', fontSize: 16, lineHeight: 1, padding: '0 4px', color: '#454655' }}
              >
                ×
              </button>
            </span>
          ))}
          {chips.length > 1 ? (
            <Button type="button" size="sm" variant="text" onClick={() => go(withoutFilters(location.search))}>
              Сбросить все
            </Button>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};

/** An empty result of a search or filter: says so, and offers to drop the filters (not «Создать первую запись»). */
export const NothingFound: React.FC = () => {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Box py="xxl" flex flexDirection="column" alignItems="center" data-testid="nothing-found">
      <Text fontSize="xl" mb="default">
        Ничего не найдено
      </Text>
      <Text color="grey60" mb="lg">
        Проверьте запрос или уберите часть фильтров.
      </Text>
      <Button type="button" variant="outlined" onClick={() => navigate({ pathname: location.pathname, search: withoutFilters(location.search) })}>
        Сбросить фильтры
      </Button>
    </Box>
  );
};
