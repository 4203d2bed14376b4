import React, { useEffect, useState } from 'react';
import { FormGroup, FormMessage, Input, Select } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import { useFieldError } from './use-field-error';

/**
 * AdminJS's own one-line field (text, or a select of its available values), with one difference: its error goes as
 * soon as the value is changed (useFieldError) instead of staying until the next «Сохранить».
 */
const StringEdit: React.FC<EditPropertyProps> = (props) => {
  const { property, record, onChange } = props;
  const { tm, tl } = useTranslation();
  const stored = (record.params?.[property.path] ?? (property.props as { value?: string } | undefined)?.value ?? '') as string;
  const [value, setValue] = useState(stored);
  useEffect(() => {
    if (value !== stored) setValue(stored);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);
  const error = useFieldError(record, property.path, value);
  const options = property.availableValues?.map((v) => ({
    ...v,
    label: tl(`${property.path}.${v.value}`, property.resourceId, { defaultValue: v.label ?? v.value }),
  }));
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      {options ? (
        <Select
          value={options.find((option) => String(option.value) === String(value)) ?? null}
          options={options}
          onChange={(selected: { value: string } | null) => {
            setValue(selected?.value ?? '');
            onChange(property.path, selected?.value ?? '');
          }}
          isDisabled={property.isDisabled}
          {...property.props}
        />
      ) : (
        <Input
          id={property.path}
          name={property.path}
          required={property.isRequired}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValue(event.target.value)}
          onBlur={() => onChange(property.path, value)}
          onKeyDown={(event: React.KeyboardEvent<HTMLInputElement>) => {
            if (event.key === 'Enter') onChange(property.path, value);
          }}
          value={value}
          disabled={property.isDisabled}
          {...property.props}
        />
      )}
      <FormMessage>{error ? tm(error.message, property.resourceId) : null}</FormMessage>
    </FormGroup>
  );
};

export default StringEdit;
