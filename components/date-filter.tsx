import React from 'react';
import { FormGroup, Input, Label } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type FilterPropertyProps } from 'adminjs';

/** Date range filter with native inputs: sends 'YYYY-MM-DD' as path~~from / path~~to. */
const DateFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const fromKey = `${property.path}~~from`;
  const toKey = `${property.path}~~to`;
  const valueOf = (key: string) => (typeof filter[key] === 'string' ? String(filter[key]).slice(0, 10) : '');
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Label>{`${translateProperty('from')}:`}</Label>
      <Input type="date" name={fromKey} value={valueOf(fromKey)} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(fromKey, e.target.value)} />
      <Label mt="default">{`${translateProperty('to')}:`}</Label>
      <Input type="date" name={toKey} value={valueOf(toKey)} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(toKey, e.target.value)} />
    </FormGroup>
  );
};

export default DateFilter;
