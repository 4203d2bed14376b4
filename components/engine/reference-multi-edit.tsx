import React, { useEffect, useState } from 'react';
import { FormGroup, FormMessage, SelectAsync } from '@adminjs/design-system';
import { PropertyLabel, flat, type EditPropertyProps } from 'adminjs';
import { loadReferenceTitles, searchReferenceOptions, type ReferenceOption } from './reference-titles';
import { SELECT_TEXTS } from './select-texts';
import { useFieldError } from './use-field-error';

type Option = ReferenceOption;
/** The design system types SelectAsync as single-valued; react-select's `isMulti` works with it. */
const MultiSelectAsync = SelectAsync as unknown as React.FC<Record<string, unknown>>;

/** A many-to-many field (a letter's organizations, a resource's regions and industries): a searchable multi-select. */
const ReferenceMultiEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const reference = String(property.reference);
  const current = ((flat.get(record?.params, property.path) as (string | number)[] | undefined) ?? []).map(String);
  const [selected, setSelected] = useState<Option[]>([]);
  const error = useFieldError(record, property.path, current);

  useEffect(() => {
    const missing = current.filter((id) => !selected.some((o) => o.value === id));
    if (missing.length === 0) return;
    loadReferenceTitles(reference, missing).then((found) => setSelected((now) => [...now, ...found]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.join(','), reference]);

  const loadOptions = (query: string) => searchReferenceOptions(reference, query);

  return (
    <FormGroup error={Boolean(error)} data-testid={`multi-${property.path}`}>
      <PropertyLabel property={property} />
      <MultiSelectAsync
        inputId={`multi-${property.path}`}
        isMulti
        cacheOptions
        defaultOptions
        value={selected.filter((o) => current.includes(o.value))}
        loadOptions={loadOptions}
        onChange={(options: readonly Option[] | null) => {
          const chosen = [...(options ?? [])];
          setSelected((now) => [...now.filter((o) => !chosen.some((c) => c.value === o.value)), ...chosen]);
          onChange(
            property.path,
            chosen.map((o) => o.value),
          );
        }}
        {...SELECT_TEXTS}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default ReferenceMultiEdit;
