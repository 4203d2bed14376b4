import React, { useState } from 'react';
import { FormGroup, SelectAsync } from '@adminjs/design-system';
import { ApiClient, PropertyLabel, type FilterPropertyProps } from 'adminjs';
import { SELECT_TEXTS } from './select-texts';

interface Option {
  value: string | number;
  label: string;
}

/** AdminJS's reference filter (search as you type) with Russian select texts. */
const ReferenceFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const [options, setOptions] = useState<Option[]>([]);
  const loadOptions = async (query: string): Promise<Option[]> => {
    const records = await new ApiClient().searchRecords({ resourceId: String(property.reference), query });
    const loaded = records.map((r) => ({ value: r.id, label: r.title }));
    setOptions(loaded);
    return loaded;
  };
  const value = filter[property.path] ?? '';
  const selected = options.find((o) => String(o.value) === String(value));
  return (
    <FormGroup>
      <PropertyLabel property={property} filter />
      <SelectAsync
        variant="filter"
        value={selected ?? ''}
        isClearable
        cacheOptions
        defaultOptions
        loadOptions={loadOptions}
        onChange={(option: Option | null) => onChange(property.path, option ? option.value : '')}
        {...SELECT_TEXTS}
      />
    </FormGroup>
  );
};

export default ReferenceFilter;
