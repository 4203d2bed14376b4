import React, { useEffect, useState } from 'react';
import { Box, FormGroup, FormMessage, Input, Text } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import { useFieldError } from './use-field-error';

/**
 * Multi-line text with its limit in sight: the field stops at the length the server accepts (maxLength, from the
 * column or the registry's limit) and a counter under it says how much is used, red when it is nearly full.
 * Otherwise AdminJS's own textarea: the value is handed over on blur, the field grows with its lines.
 */
const TextEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { tm } = useTranslation();
  const stored = (record.params?.[property.path] ?? '') as string;
  const [value, setValue] = useState(stored);
  useEffect(() => {
    if (value !== stored) setValue(stored);
  }, [stored]);
  const error = useFieldError(record, property.path, value);
  const props = (property.props ?? {}) as { maxLength?: number; rows?: number };
  const max = props.maxLength;
  const used = [...value].length;
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Input
        as="textarea"
        rows={Math.max(props.rows ?? 1, (value.match(/\n/g) || []).length + 1)}
        id={property.path}
        name={property.path}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setValue(event.target.value)}
        onBlur={() => onChange(property.path, value)}
        value={value}
        disabled={property.isDisabled}
        {...property.props}
      />
      <Box flex flexDirection="row" justifyContent="space-between" alignItems="flex-start">
        <FormMessage style={{ flexGrow: 1 }}>{error ? tm(error.message, property.resourceId) : null}</FormMessage>
        {max ? (
          <Text
            data-testid={`counter-${property.path}`}
            fontSize="sm"
            mt="sm"
            ml="lg"
            style={{ color: used >= max * 0.9 ? '#c20012' : '#5c5e70', whiteSpace: 'nowrap' }}
          >
            {used.toLocaleString('ru-RU')} / {max.toLocaleString('ru-RU')}
          </Text>
        ) : null}
      </Box>
    </FormGroup>
  );
};

export default TextEdit;
