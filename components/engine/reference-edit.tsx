import React, { useEffect, useState } from 'react';
import { FormGroup, FormMessage, SelectAsync } from '@adminjs/design-system';
import { ApiClient, PropertyLabel, flat, type EditPropertyProps, type RecordJSON } from 'adminjs';
import { optionLabel } from './reference-titles';
import { SELECT_TEXTS } from './select-texts';
import { useFieldError } from './use-field-error';

interface Option {
  value: string | number;
  label: string;
  record?: RecordJSON;
}

/** AdminJS's reference select (search as you type) with Russian placeholder and messages. */
const ReferenceEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const reference = String(property.reference);
  const selectedId = flat.get(record?.params, property.path) as string | number | undefined | null;
  const [selected, setSelected] = useState<RecordJSON | null>(null);
  const [loading, setLoading] = useState(0);
  const error = useFieldError(record, property.path, selectedId);

  useEffect(() => {
    if (selectedId === undefined || selectedId === null || selectedId === '') {
      setSelected(null);
      return;
    }
    setLoading((n) => n + 1);
    new ApiClient()
      .recordAction({ actionName: 'show', resourceId: reference, recordId: String(selectedId) })
      .then(({ data }) => setSelected((data as { record: RecordJSON }).record))
      .finally(() => setLoading((n) => n - 1));
  }, [selectedId, reference]);

  const loadOptions = async (query: string): Promise<Option[]> => {
    const records = await new ApiClient().searchRecords({ resourceId: reference, query });
    return records.map((r) => ({ value: r.id, label: optionLabel(r), record: r }));
  };
  const value = selectedId && selected ? { value: selected.id, label: optionLabel(selected) } : null;
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <SelectAsync
        inputId={`reference-${property.path}`}
        cacheOptions
        defaultOptions
        value={value}
        loadOptions={loadOptions}
        onChange={(option: Option | null) => (option ? onChange(property.path, option.value, option.record) : onChange(property.path, null))}
        isClearable
        isDisabled={property.isDisabled}
        isLoading={loading > 0}
        {...SELECT_TEXTS}
        {...property.props}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default ReferenceEdit;
