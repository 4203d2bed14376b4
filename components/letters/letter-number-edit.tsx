import React, { useEffect, useRef, useState } from 'react';
import { Box, FormGroup, FormMessage, Input, Link, Text } from '@adminjs/design-system';
import { PropertyLabel, type EditPropertyProps } from 'adminjs';
import { useFieldError } from '../engine/use-field-error';

/**
 * «Наш номер» with the next free number from the pattern (LETTER_NUMBER_INCOMING / _OUTGOING): filled in on a new
 * letter while the field is empty or still holds the previous suggestion (it follows the type and the year); a
 * number taken by another letter shows that letter's link under the message.
 */
const LetterNumberEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const value = String(record.params?.[property.path] ?? '');
  const direction = String(record.params?.direction ?? '');
  const date = String(record.params?.ourDate ?? '').slice(0, 10);
  const [typed, setTyped] = useState(value);
  const suggestion = useRef<string | null>(null);
  // what is in the field now (typed text reaches the record only on leaving the field)
  const inField = useRef(value);
  inField.current = typed;
  const isNew = !record.id;
  useEffect(() => {
    if (value !== typed) setTyped(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => {
    if (!isNew || (direction !== 'incoming' && direction !== 'outgoing')) return;
    const query = new URLSearchParams({ direction, ...(date ? { date } : {}) });
    let cancelled = false;
    fetch(`/admin/data/letters/next-number?${query}`, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer: { number?: string } | null) => {
        if (cancelled || !answer?.number) return;
        const current = inField.current;
        if (current === '' || current === suggestion.current) {
          suggestion.current = answer.number;
          onChange(property.path, answer.number);
        }
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isNew, direction, date.slice(0, 4)]);
  const error = useFieldError(record, property.path, typed) as { message?: string; type?: string } | undefined;
  const duplicateId = /^duplicate:(\d+)$/.exec(error?.type ?? '')?.[1];
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Input
        id={property.path}
        name={property.path}
        value={typed}
        maxLength={70}
        // the form fills it in (the next free number): a new form's cursor starts at the first field the clerk fills
        data-filled-by-form={isNew ? 'true' : undefined}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTyped(event.target.value)}
        onBlur={() => onChange(property.path, typed)}
        {...(property.props ?? {})}
      />
      {isNew && suggestion.current && suggestion.current === typed ? (
        <Text fontSize="sm" color="grey60" mt="sm">
          Следующий свободный номер по шаблону — можно изменить
        </Text>
      ) : null}
      <FormMessage>{error?.message}</FormMessage>
      {duplicateId ? (
        <Box mt="lg">
          <Link href={`/admin/resources/Message/records/${duplicateId}/show`} target="_blank" rel="noopener" data-testid="duplicate-letter-link">
            Открыть письмо с этим номером
          </Link>
        </Box>
      ) : null}
    </FormGroup>
  );
};

export default LetterNumberEdit;
