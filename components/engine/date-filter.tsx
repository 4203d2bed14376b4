import React from 'react';
import { DatePicker, FormGroup, Label } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type FilterPropertyProps } from 'adminjs';
import ru from 'date-fns/locale/ru';
import { DATE_INPUT, DATE_PICKER_KEYBOARD, fromPickerValue, toPickerValue } from './date-format';

/** Date range filter (с / по) as дд.мм.гггг; sends 'YYYY-MM-DD' as path~~from / path~~to. */
const DateFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const picker = (key: string) => (
    <DatePicker
      value={toPickerValue(filter[key])}
      propertyType="date"
      locale={ru}
      dateFormat={DATE_INPUT.format}
      placeholderText={DATE_INPUT.placeholder}
      inputMask={{ mask: DATE_INPUT.mask }}
      name={key}
      {...DATE_PICKER_KEYBOARD}
      onChange={(value: string | null) => onChange(key, fromPickerValue(value) ?? '')}
    />
  );
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Label>{`${translateProperty('from')}:`}</Label>
      {picker(`${property.path}~~from`)}
      <Label mt="default">{`${translateProperty('to')}:`}</Label>
      {picker(`${property.path}~~to`)}
    </FormGroup>
  );
};

export default DateFilter;
