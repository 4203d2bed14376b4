import React, { useEffect, useState } from 'react';
import { FormGroup, FormMessage, SelectAsync } from '@adminjs/design-system';
import { PropertyLabel, type EditPropertyProps } from 'adminjs';
import { loadListedOptions as load, type ListedOption as Option } from './reference-titles';
import { SELECT_TEXTS } from './select-texts';
import { useFieldError } from './use-field-error';

/**
 * A reference picked from one of our own option lists (`props.optionsUrl`): a letter's «Основание» as
 * «№ · дата · организация · тема», its executor by name. Searches as you type when the list takes `q`.
 */
const OptionsEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { optionsUrl, placeholder } = (property.props ?? {}) as { optionsUrl: string; placeholder?: string };
  const raw = record.params?.[property.path];
  const selectedId = raw === undefined || raw === null || raw === '' ? null : Number(raw);
  const [selected, setSelected] = useState<Option | null>(null);
  useEffect(() => {
    if (selectedId === null) return setSelected(null);
    if (selected?.value === selectedId) return;
    load(optionsUrl, { ids: String(selectedId) })
      .then((options) => setSelected(options.find((o) => o.value === selectedId) ?? { value: selectedId, label: `№ ${selectedId}` }))
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, optionsUrl]);
  const error = useFieldError(record, property.path, selectedId);
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <SelectAsync
        inputId={`options-${property.path}`}
        cacheOptions
        defaultOptions
        value={selectedId === null ? null : selected}
        loadOptions={(q: string) => load(optionsUrl, { q })}
        onChange={(option: Option | null) => {
          setSelected(option);
          onChange(property.path, option ? option.value : null);
        }}
        isClearable
        {...SELECT_TEXTS}
        {...(placeholder ? { placeholder } : {})}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default OptionsEdit;
