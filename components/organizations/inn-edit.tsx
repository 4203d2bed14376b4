import React, { useState } from 'react';
import { Box, Button, FormGroup, FormMessage, Input, Link, Text } from '@adminjs/design-system';
import { ApiClient, PropertyLabel, type EditPropertyProps } from 'adminjs';
import { useFieldError } from '../engine/use-field-error';

const api = new ApiClient();

type Fill =
  | { kind: 'values'; values: Record<string, string | number | null>; regionName: string | null; notes: string[]; registryUrl?: string }
  | { kind: 'choose'; choices: { kpp: string | null; fullName: string }[] };

/**
 * The organization form's INN field with "Заполнить из ЕГРЮЛ": the server looks the INN up in the EGRUL service
 * (the browser sends only the INN and KPP) and the form's fields are filled; nothing is saved until "Сохранить",
 * which runs the form's usual checks.
 */
const InnEdit: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const value = String(record?.params?.[property.path] ?? '');
  const error = useFieldError(record, property.path, value);
  const duplicateId = /^duplicate:(\d+)$/.exec((error as { type?: string } | undefined)?.type ?? '')?.[1];
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error?: string; done?: string[]; choices?: Extract<Fill, { kind: 'choose' }>['choices']; registryUrl?: string }>({});

  const fill = async (kpp?: string | null) => {
    setBusy(true);
    setStatus({});
    try {
      const { data } = await api.resourceAction({
        resourceId: resource.id,
        actionName: 'egrulImport',
        method: 'post',
        data: { operation: 'fill', inn: value, kpp: kpp ?? '' },
      });
      const answer = data as { egrul?: Fill; error?: { message: string } };
      if (answer.error || !answer.egrul) {
        setStatus({ error: answer.error?.message ?? 'Сервис ЕГРЮЛ не ответил.' });
        return;
      }
      if (answer.egrul.kind === 'choose') {
        setStatus({ choices: answer.egrul.choices });
        return;
      }
      for (const [path, fieldValue] of Object.entries(answer.egrul.values)) onChange(path, fieldValue ?? '');
      setStatus({ done: ['Заполнено из ЕГРЮЛ — проверьте и сохраните.', ...answer.egrul.notes], registryUrl: answer.egrul.registryUrl });
    } catch {
      setStatus({ error: 'Не удалось обратиться к серверу — повторите попытку.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Box flex flexDirection="row" alignItems="center">
        <Input
          id={property.path}
          name={property.path}
          value={value}
          placeholder={(property.props as { placeholder?: string } | undefined)?.placeholder}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, event.target.value)}
          style={{ flexGrow: 1 }}
        />
        <Button type="button" variant="outlined" ml="default" disabled={busy || value.trim() === ''} onClick={() => fill()} data-testid="egrul-fill">
          {busy ? 'Запрос в ЕГРЮЛ…' : 'Заполнить из ЕГРЮЛ'}
        </Button>
      </Box>
      <FormMessage>{error?.message}</FormMessage>
      {duplicateId ? (
        <Box mt="lg">
          <Link href={`/admin/resources/Organization/records/${duplicateId}/show`} data-testid="duplicate-organization-link">
            Открыть карточку этой организации
          </Link>
        </Box>
      ) : null}
      <Box data-testid="egrul-fill-status">
        {status.error ? <Text color="error">{status.error}</Text> : null}
        {status.done?.map((line) => (
          <Text key={line} color="grey80">
            {line}
          </Text>
        ))}
        {status.registryUrl ? <a href={status.registryUrl}>Открыть карточку в реестре</a> : null}
        {status.choices ? (
          <Box>
            <Text mb="sm">С этим ИНН в ЕГРЮЛ несколько записей (организация и её обособленные подразделения) — выберите:</Text>
            {status.choices.map((choice) => (
              <Button
                key={choice.kpp ?? ''}
                type="button"
                size="sm"
                variant="text"
                display="block"
                onClick={() => fill(choice.kpp)}
                data-testid="egrul-fill-choice"
              >
                КПП {choice.kpp ?? '—'}: {choice.fullName}
              </Button>
            ))}
          </Box>
        ) : null}
      </Box>
    </FormGroup>
  );
};

export default InnEdit;
