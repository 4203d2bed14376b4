import React from 'react';
import { MessageBox } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import { formatDateTime, registryTimeZone } from './date-format';

/** On a deleted resource's card: when it was deleted, that it is out of the lists, and how it comes back. */
const DeletedNotice: React.FC<BasePropertyProps> = ({ record, property }) => {
  const deletedAt = record?.params?.[property.path];
  if (!deletedAt) return null;
  return (
    <MessageBox
      variant="danger"
      mb="xl"
      data-testid="deleted-notice"
      message={`Ресурс удалён ${formatDateTime(deletedAt, registryTimeZone())}. Его нет в списках и на карточке владельца; администратор может вернуть его кнопкой «Восстановить».`}
    />
  );
};

export default DeletedNotice;
