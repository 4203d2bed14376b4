import React, { useEffect, useState } from 'react';
import { FormGroup, SelectAsync } from '@adminjs/design-system';
import { PropertyLabel, type FilterPropertyProps } from 'adminjs';
import { loadReferenceTitles, searchReferenceOptions, type ReferenceOption } from './reference-titles';
import { SELECT_TEXTS } from './select-texts';

type Option = ReferenceOption;
/** The design system types SelectAsync as single-valued; react-select's `isMulti` works with it. */
const MultiSelectAsync = SelectAsync as unknown as React.FC<Record<string, unknown>>;

/**
 * A reference filter (search as you type) that takes several values: "regions 77 or 50", "districts …",
 * "has all of these document types". The value travels as ids joined by commas; the server reads it so.
 */
const ReferenceFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const reference = String(property.reference);
  const raw = String(filter[property.path] ?? '');
  const ids = raw.split(',').filter((id) => id !== '');
  const [selected, setSelected] = useState<Option[]>([]);

  // titles for ids that came with the URL (a reload, a shared link)
  useEffect(() => {
    const missing = ids.filter((id) => !selected.some((o) => o.value === id));
    if (missing.length === 0) return;
    loadReferenceTitles(reference, missing).then((found) => setSelected((current) => [...current.filter((o) => ids.includes(o.value)), ...found]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [raw, reference]);

  const loadOptions = (query: string) => searchReferenceOptions(reference, query);
  return (
    <FormGroup>
      <PropertyLabel property={property} filter />
      <MultiSelectAsync
        variant="filter"
        isMulti
        value={selected.filter((o) => ids.includes(o.value))}
        isClearable
        cacheOptions
        defaultOptions
        loadOptions={loadOptions}
        onChange={(options: readonly Option[] | null) => {
          const chosen = [...(options ?? [])];
          setSelected(chosen);
          onChange(property.path, chosen.map((o) => o.value).join(','));
        }}
        {...SELECT_TEXTS}
      />
    </FormGroup>
  );
};

export default ReferenceFilter;
