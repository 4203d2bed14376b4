import React from 'react';
import { FormGroup, Select } from '@adminjs/design-system';
import { PropertyLabel, type FilterPropertyProps } from 'adminjs';

const OPTIONS = [
  { value: 'true', label: 'Да' },
  { value: 'false', label: 'Нет' },
];

/** Boolean filter with Да / Нет and a Russian placeholder. */
const BooleanFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const current = filter[property.path];
  const selected = OPTIONS.find((o) => o.value === String(current)) ?? null;
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Select
        variant="filter"
        value={selected}
        isClearable
        placeholder="Любое"
        options={OPTIONS}
        onChange={(option: { value: string } | null) => onChange(property.path, option ? option.value : undefined)}
      />
    </FormGroup>
  );
};

export default BooleanFilter;
