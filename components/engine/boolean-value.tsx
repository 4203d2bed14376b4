import React from 'react';
import { Badge } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';

/** Да / Нет instead of AdminJS's hard-coded Yes / No. */
const BooleanValue: React.FC<BasePropertyProps> = ({ record, property }) => {
  const value = record?.params?.[property.path];
  if (value === undefined || value === null || value === '') return null;
  const yes = value === true || value === 'true';
  return (
    <Badge outline size="sm" variant={yes ? 'success' : 'default'}>
      {yes ? 'Да' : 'Нет'}
    </Badge>
  );
};

export default BooleanValue;
