import React from 'react';
import { FormGroup, FormMessage, Input } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import { registryTimeZone, toDateTimeLocal } from './date-format';

/**
 * A native date input: the value stays 'YYYY-MM-DD' end to end (AdminJS's own picker sends an ISO instant,
 * which shifts the day in time zones east of UTC). The browser shows it in its locale (dd.mm.yyyy in Russian).
 */
const DateEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { tm } = useTranslation();
  const raw = record.params?.[property.path];
  const error = record.errors?.[property.path];
  const isDate = property.type === 'date';
  const value = isDate ? (typeof raw === 'string' ? raw.slice(0, 10) : '') : toDateTimeLocal(raw, registryTimeZone());
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Input
        type={isDate ? 'date' : 'datetime-local'}
        id={property.path}
        name={property.path}
        value={value}
        max={isDate ? '9999-12-31' : undefined}
        disabled={property.isDisabled}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, event.target.value || null)}
      />
      <FormMessage>{error ? tm(error.message, property.resourceId) : null}</FormMessage>
    </FormGroup>
  );
};

export default DateEdit;
