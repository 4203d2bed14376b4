import { ApiClient } from 'adminjs';

export interface ReferenceOption {
  value: string;
  label: string;
}

const api = new ApiClient();

/**
 * An option's text: the record's title, and for an organization its ИНН and КПП, so that two branches with the same
 * name can be told apart when picking one.
 */
export function optionLabel(record: { title: string; params?: Record<string, unknown> }): string {
  const inn = record.params?.inn;
  const kpp = record.params?.kpp;
  if (!inn) return record.title;
  return `${record.title} · ИНН ${String(inn)}${kpp ? ` · КПП ${String(kpp)}` : ''}`;
}

/** Titles of records by id (for values that came without them: a reloaded filter, a record being edited). */
export async function loadReferenceTitles(reference: string, ids: string[]): Promise<ReferenceOption[]> {
  const responses = await Promise.all(ids.map((id) => api.recordAction({ resourceId: reference, recordId: id, actionName: 'show' }).catch(() => null)));
  return responses
    .map((response, index) => {
      const record = (response?.data as { record?: { title: string; params?: Record<string, unknown> } } | undefined)?.record;
      return record ? { value: String(ids[index]), label: optionLabel(record) } : null;
    })
    .filter((option): option is ReferenceOption => option !== null);
}

/** Options for a search-as-you-type select over a resource. */
export async function searchReferenceOptions(reference: string, query: string): Promise<ReferenceOption[]> {
  return (await api.searchRecords({ resourceId: reference, query })).map((r) => ({ value: String(r.id), label: optionLabel(r) }));
}

/** An option of one of our own lists under /admin/data (a letter's «Основание», the executors). */
export interface ListedOption {
  value: number;
  label: string;
}

/** The options of such a list (`?q=` to search, `?ids=` to name chosen ones); none when the server says no. */
export async function loadListedOptions(url: string, query: Record<string, string> = {}): Promise<ListedOption[]> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(search ? `${url}?${search}` : url, { credentials: 'same-origin' });
  if (!response.ok) return [];
  return ((await response.json()) as { options: ListedOption[] }).options;
}
