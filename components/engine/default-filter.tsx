import React from 'react';
import { FormGroup, Input, Select } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type FilterPropertyProps } from 'adminjs';
import { SELECT_TEXTS } from './select-texts';

/** AdminJS's default filter (text input, or a select for enums) with Russian select texts. */
const DefaultFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { tl } = useTranslation();
  const value = filter[property.path] || '';
  let input: React.ReactNode;
  if (property.availableValues) {
    const options = property.availableValues.map((v) => ({
      ...v,
      label: tl(`${property.path}.${v.value}`, property.resourceId, { defaultValue: v.label ?? v.value }),
    }));
    input = (
      <Select
        variant="filter"
        value={options.find((o) => o.value === value) ?? ''}
        isClearable
        options={options}
        onChange={(selected: { value: string } | null) => onChange(property.path, selected ? selected.value : '')}
        {...SELECT_TEXTS}
      />
    );
  } else {
    input = (
      <Input name={`filter-${property.path}`} value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, e.target.value)} />
    );
  }
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      {input}
    </FormGroup>
  );
};

export default DefaultFilter;
