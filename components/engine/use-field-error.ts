import { useEffect, useState } from 'react';
import type { RecordJSON } from 'adminjs';

type FieldError = NonNullable<RecordJSON['errors']>[string];

/**
 * A field's error from the last «Сохранить», shown only while the field still holds the value it was given for: once
 * the value changes (typed, picked, filled from EGRUL), the old message is gone — it spoke of a value that is no
 * longer there. The next save answers about the new one. `current` is what the field shows now (its local value
 * for fields that hand their value over on blur).
 */
export function useFieldError(record: RecordJSON | undefined, path: string, current: unknown): FieldError | undefined {
  const error = record?.errors?.[path];
  const value = JSON.stringify(current ?? '');
  const [givenFor, setGivenFor] = useState<{ error: FieldError; value: string } | null>(null);
  useEffect(() => {
    if (error) setGivenFor({ error, value });
    // a new error (a new answer to «Сохранить») is tied to the value shown when it came
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);
  if (!error) return undefined;
  if (givenFor && givenFor.error === error && givenFor.value !== value) return undefined;
  return error;
}
