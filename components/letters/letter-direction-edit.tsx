import React, { useEffect, useRef } from 'react';
import { Box, FormGroup, FormMessage, Label } from '@adminjs/design-system';
import { PropertyLabel, type EditPropertyProps } from 'adminjs';
import { registryToday } from '../engine/date-format';
import { useFieldError } from '../engine/use-field-error';

const CHOICES = [
  { value: 'incoming', label: 'Входящее' },
  { value: 'outgoing', label: 'Исходящее' },
];

/**
 * A letter's type as two radio buttons. A new letter starts as «Входящее», dated today (the registration date), unless
 * the address said otherwise («Ответить» opens an outgoing one).
 */
const LetterDirectionEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const value = String(record.params?.direction ?? '');
  const isNew = !record.id;
  const params = useRef(record.params);
  params.current = record.params;
  useEffect(() => {
    if (!isNew) return undefined;
    // after the form's own first effects: AdminJS's New sets the address's values (a reply's) from the record it
    // rendered with, which would drop anything set here before it
    const timer = setTimeout(() => {
      const asked = new URLSearchParams(window.location.search).get('direction');
      if (!params.current?.direction && !asked) onChange('direction', 'incoming');
      if (!params.current?.ourDate) onChange('ourDate', registryToday());
    }, 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isNew]);
  const error = useFieldError(record, property.path, value);
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Box flex flexDirection="row" role="radiogroup" aria-label="Тип письма" data-testid="letter-direction">
        {CHOICES.map((choice) => (
          <Label key={choice.value} mr="xl" style={{ display: 'flex', alignItems: 'center', cursor: 'pointer', fontWeight: 'normal', fontSize: 14 }}>
            <input
              type="radio"
              name="direction"
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange('direction', choice.value)}
              style={{ marginRight: 8 }}
            />
            {choice.label}
          </Label>
        ))}
      </Box>
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default LetterDirectionEdit;
