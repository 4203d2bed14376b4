import React, { useEffect, useState } from 'react';
import { FormGroup, Select } from '@adminjs/design-system';
import { PropertyLabel, type FilterPropertyProps } from 'adminjs';
import { loadListedOptions } from './reference-titles';
import { SELECT_TEXTS } from './select-texts';

interface Option {
  value: string;
  label: string;
}

/**
 * A filter picked from one of our own option lists (`props.optionsUrl`): a letter's executor among the active users
 * (clerks may not search the users' section itself).
 */
const OptionsFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { optionsUrl } = (property.props ?? {}) as { optionsUrl: string };
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    loadListedOptions(optionsUrl)
      .then((listed) => setOptions(listed.map((o) => ({ value: String(o.value), label: o.label }))))
      .catch(() => undefined);
  }, [optionsUrl]);
  const raw = String(filter[property.path] ?? '');
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Select
        variant="filter"
        inputId={`filter-${property.path}`}
        options={options}
        value={options.find((o) => o.value === raw) ?? null}
        onChange={(selected: Option | null) => onChange(property.path, selected?.value ?? '')}
        isClearable
        {...SELECT_TEXTS}
      />
    </FormGroup>
  );
};

export default OptionsFilter;
