import React from 'react';
import { DatePicker, FormGroup, FormMessage } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import ru from 'date-fns/locale/ru';
import { DATE_INPUT, DATE_PICKER_KEYBOARD, fromPickerValue, toPickerValue } from './date-format';
import { useFieldError } from './use-field-error';

/**
 * Date input as дд.мм.гггг with a Russian calendar. AdminJS's picker hands over an ISO instant of local midnight,
 * which shifts the day east of UTC; here it is turned back into the local calendar date, so DATE values stay
 * 'YYYY-MM-DD' strings end to end. Timestamps (datetime) keep their instant.
 */
const DateEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { tm } = useTranslation();
  const raw = record.params?.[property.path];
  const error = useFieldError(record, property.path, raw);
  const isDate = property.type === 'date';
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <DatePicker
        value={isDate ? toPickerValue(raw) : (raw ?? '')}
        propertyType={isDate ? 'date' : 'datetime'}
        disabled={property.isDisabled}
        locale={ru}
        dateFormat={isDate ? DATE_INPUT.format : DATE_INPUT.dateTimeFormat}
        placeholderText={isDate ? DATE_INPUT.placeholder : DATE_INPUT.dateTimePlaceholder}
        inputMask={{ mask: isDate ? DATE_INPUT.mask : DATE_INPUT.dateTimeMask }}
        name={property.path}
        id={property.path}
        {...DATE_PICKER_KEYBOARD}
        onChange={(value: string | null) => onChange(property.path, isDate ? fromPickerValue(value) : value || null)}
      />
      <FormMessage>{error ? tm(error.message, property.resourceId) : null}</FormMessage>
    </FormGroup>
  );
};

export default DateEdit;
