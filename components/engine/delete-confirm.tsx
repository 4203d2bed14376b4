import React, { useState } from 'react';
import { Box, Button, H2, MessageBox, Text } from '@adminjs/design-system';
import { useNavigate } from 'react-router-dom';
import { ApiClient, useNotice, useTranslation, ViewHelpers, type ActionProps } from 'adminjs';
import { offerUndo } from './undo-bar';

const api = new ApiClient();
const h = new ViewHelpers();

/** What a record of each section is called in «Удалить письмо «…»?». */
const NOUNS: Record<string, string> = {
  Message: 'письмо',
  Resource: 'информационный ресурс',
  User: 'пользователя',
  OrgAdmDoc: 'вид документа',
  OrganizationDocument: 'документ',
  Responsibility: 'запись об аутсорсинге',
  Region: 'регион',
  Okrug: 'федеральный округ',
  Industry: 'сферу КИИ',
  Address: 'почтовый индекс',
};
/** Sections whose deleted records the change history brings back («Отменить», the journal's «Восстановить»). */
const RESTORABLE = new Set(['Message', 'Resource', 'Organization']);

/**
 * A delete asks first, naming the record: «Удалить письмо «Вх. № ВХ-15 от 01.12.2026»?», what follows from it, and
 * «Отмена» in focus. A record the history can restore is offered «Отменить» for a few seconds after (undo-bar.tsx).
 */
const DeleteConfirm: React.FC<ActionProps> = ({ record, resource }) => {
  const navigate = useNavigate();
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const noun = NOUNS[resource.id] ?? 'запись';
  const title = String(record.title ?? `№ ${record.id}`);
  const restorable = RESTORABLE.has(resource.id);
  const remove = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: 'delete', method: 'post' });
      const data = response.data as { notice?: { message: string; type: string }; redirectUrl?: string; undo?: { entryId: string } };
      if (data.notice?.type !== 'success') {
        setError(data.notice ? translateMessage(data.notice.message, resource.id) : 'Не удалось удалить');
        return;
      }
      if (data.undo) offerUndo({ entryId: data.undo.entryId, text: `${noun[0]!.toUpperCase()}${noun.slice(1)} «${title}» удалено`, resourceId: resource.id });
      else addNotice({ message: `${noun[0]!.toUpperCase()}${noun.slice(1)} «${title}» удалено`, type: 'success' });
      navigate(data.redirectUrl ?? h.resourceUrl({ resourceId: resource.id }));
    } catch {
      setError('Не удалось удалить: сервер недоступен, попробуйте ещё раз. Ничего не удалено.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box variant="white" p="xl" data-testid="delete-confirm" style={{ maxWidth: 720 }}>
      <H2 mb="lg" style={{ fontSize: 22, lineHeight: '30px' }}>{`Удалить ${noun} «${title}»?`}</H2>
      <Text mb="xl">
        {restorable ? 'Сразу после удаления его можно вернуть кнопкой «Отменить», позже — из журнала изменений (администратор).' : 'Удаление нельзя отменить.'}
      </Text>
      {error ? <MessageBox variant="danger" mb="lg" message={error} /> : null}
      <Box flex flexDirection="row" style={{ gap: 12 }}>
        <Button type="button" variant="contained" color="danger" disabled={busy} onClick={() => void remove()} data-testid="delete-confirm-yes">
          Удалить
        </Button>
        {/* the safe choice has the focus: Enter does not delete */}
        <Button type="button" variant="outlined" autoFocus onClick={() => navigate(-1)} data-testid="delete-confirm-no">
          Отмена
        </Button>
      </Box>
    </Box>
  );
};

export default DeleteConfirm;
