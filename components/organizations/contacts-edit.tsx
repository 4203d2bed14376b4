import React, { useState } from 'react';
import { Box, Button, DrawerContent, DrawerFooter, FormGroup, FormMessage, Label, TextArea, Text } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiClient, useNotice, ViewHelpers, type ActionProps, type RecordJSON } from 'adminjs';

const api = new ApiClient();
const h = new ViewHelpers();

/** "Изменить контакты": the contacts alone, saved without touching the rest of the organization. */
const ContactsEdit: React.FC<ActionProps> = ({ record, resource }) => {
  const navigate = useNavigate();
  const { search } = useLocation();
  const addNotice = useNotice();
  const [contacts, setContacts] = useState<string>((record?.params?.contacts as string | null) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!record) return null;

  /** Back to where the editor was opened from (the list with its filters, or the card), reloaded. */
  const back = () => {
    const params = new URLSearchParams(search);
    const fromCard = params.get('from') === 'show';
    params.delete('from');
    params.set('refresh', 'true');
    navigate(
      fromCard
        ? h.recordActionUrl({ resourceId: resource.id, recordId: String(record.id), actionName: 'show', search: `?${params}` })
        : h.resourceUrl({ resourceId: resource.id, search: `?${params}` }),
    );
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: String(record.id),
        actionName: 'editContacts',
        method: 'post',
        data: { contacts },
      });
      const saved = response.data.record as RecordJSON;
      const message = saved.errors?.contacts?.message ?? null;
      setError(message);
      if (response.data.notice) addNotice(response.data.notice);
      if (!message) back();
    } catch {
      addNotice({ message: 'Не удалось сохранить контакты: сервер недоступен, попробуйте ещё раз', type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box as="form" onSubmit={save} flex flexDirection="column" flexGrow={1} data-testid="contacts-edit">
      <DrawerContent>
        <Text mb="lg">{record.title}</Text>
        <FormGroup error={Boolean(error)}>
          <Label htmlFor="contacts">Контакты</Label>
          <TextArea
            id="contacts"
            name="contacts"
            rows={8}
            width={1}
            value={contacts}
            placeholder={'Директор Департамента физического развития\nСпортивный Рамзан Игнатьевич\nМоб. 8-800-555-35-35\nemail: sport@with.us'}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setContacts(event.target.value)}
          />
          <FormMessage>{error}</FormMessage>
          <Text variant="sm" color="grey60">
            Контакты (ФИО, телефоны, электронные почты)
          </Text>
        </FormGroup>
      </DrawerContent>
      <DrawerFooter>
        <Button variant="contained" type="submit" disabled={saving} data-testid="contacts-save">
          Сохранить
        </Button>
        <Button variant="outlined" type="button" ml="default" onClick={back}>
          Отмена
        </Button>
      </DrawerFooter>
    </Box>
  );
};

export default ContactsEdit;
