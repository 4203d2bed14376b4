import React, { useState } from 'react';
import { Box, Button, DrawerContent, DrawerFooter, H3, Text } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiClient, useNotice, useTranslation, ViewHelpers, type ActionProps, type PropertyJSON, type RecordJSON } from 'adminjs';
import OptionsEdit from '../engine/options-edit';
import DateEdit from '../engine/date-edit';

const api = new ApiClient();
const h = new ViewHelpers();

/** The one field each bulk change asks for. */
const FIELDS: Record<string, Partial<PropertyJSON>> = {
  reassignExecutor: {
    path: 'executorId',
    label: 'Исполнитель',
    type: 'reference',
    isRequired: true,
    props: { optionsUrl: '/admin/data/letters/executors', placeholder: 'Начните вводить фамилию' },
  },
  moveDueDate: { path: 'dueDate', label: 'Срок ответа', type: 'date', isRequired: true },
};

/**
 * «Назначить исполнителя» / «Перенести срок ответа» for the letters selected in the list: which letters, the one
 * new value, «Применить»; back to the same list (its filters and page) when done. The server changes all of them or
 * none (src/letters/letter-bulk.service.ts) and says how many changed.
 */
const LettersBulkEdit: React.FC<ActionProps> = ({ records = [], resource, action }) => {
  const navigate = useNavigate();
  const { search } = useLocation();
  const addNotice = useNotice();
  const { translateAction } = useTranslation();
  const field = FIELDS[action.name] as PropertyJSON;
  const [value, setValue] = useState<string | number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const back = () => {
    const params = new URLSearchParams(search);
    params.delete('recordIds');
    params.set('refresh', 'true');
    navigate(h.resourceUrl({ resourceId: resource.id, search: `?${params}` }));
  };

  const apply = async (event: React.FormEvent) => {
    event.preventDefault();
    if (value === null || value === '') return setError(`${field.label}: укажите значение`);
    setSaving(true);
    try {
      const response = await api.bulkAction({
        resourceId: resource.id,
        actionName: action.name,
        recordIds: records.map((record) => String(record.id)),
        method: 'post',
        data: { [field.path]: String(value) },
      });
      const notice = response.data.notice as { message: string; type: string } | undefined;
      if (notice?.type === 'success') {
        addNotice(notice as Parameters<typeof addNotice>[0]);
        back();
      } else setError(notice?.message ?? 'Не удалось изменить письма');
    } catch {
      setError('Не удалось изменить письма: сервер недоступен, попробуйте ещё раз. Ничего не изменено.');
    } finally {
      setSaving(false);
    }
  };

  const record = { params: { [field.path]: value }, errors: error ? { [field.path]: { message: error } } : {} } as unknown as RecordJSON;
  const onChange = (_path: string | RecordJSON, next?: unknown) => {
    setError(null);
    setValue((next as string | number | null | undefined) ?? null);
  };
  return (
    <Box as="form" onSubmit={apply} flex flexDirection="column" flexGrow={1} data-testid="letters-bulk-edit">
      <DrawerContent>
        <H3 mb="default">{translateAction(action.name, resource.id)}</H3>
        <Text mb="default">Выбрано писем: {records.length}</Text>
        <Box as="ul" mb="lg" style={{ maxHeight: 200, overflowY: 'auto', paddingLeft: 18 }} data-testid="bulk-letters">
          {records.map((record) => (
            <li key={record.id}>{record.title}</li>
          ))}
        </Box>
        {field.type === 'date' ? (
          <DateEdit where="edit" property={field} record={record} onChange={onChange as never} resource={resource} />
        ) : (
          <OptionsEdit where="edit" property={field} record={record} onChange={onChange as never} resource={resource} />
        )}
      </DrawerContent>
      <DrawerFooter>
        <Button variant="contained" type="submit" disabled={saving || records.length === 0} data-testid="bulk-apply">
          Применить
        </Button>
        <Button variant="outlined" type="button" ml="default" onClick={back}>
          Отмена
        </Button>
      </DrawerFooter>
    </Box>
  );
};

export default LettersBulkEdit;
