import React, { useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { useNavigate } from 'react-router-dom';
import { ApiClient, useNotice, ViewHelpers, type ActionProps } from 'adminjs';

const api = new ApiClient();
const h = new ViewHelpers();

/**
 * «Восстановить» a deleted resource: the question, then a POST (never a GET: opening this page changes nothing, and
 * a link from another site cannot restore anything).
 */
const RestoreResource: React.FC<ActionProps> = ({ record, resource }) => {
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const card = h.recordActionUrl({ resourceId: resource.id, recordId: String(record.id), actionName: 'show' });

  const restore = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: 'restore', method: 'post' });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.notice?.type === 'success') navigate(card);
    } catch {
      addNotice({ message: 'Ресурс не восстановлен: сервер недоступен, попробуйте ещё раз', type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="container" data-testid="restore-resource">
      <Text mb="xl">Вернуть ресурс «{record.title}» в реестр? Он снова появится в списках и на карточке владельца.</Text>
      <Button variant="contained" onClick={restore} disabled={busy} mr="default">
        Восстановить
      </Button>
      <Button variant="text" onClick={() => navigate(card)} disabled={busy}>
        Отмена
      </Button>
    </Box>
  );
};

export default RestoreResource;
