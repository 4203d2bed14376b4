import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { formatDate, formatDateTime, registryTimeZone } from './date-format';

/** Dates as dd.MM.yyyy, timestamps as dd.MM.yyyy HH:mm (registry time zone); list and show. */
const DateValue: React.FC<BasePropertyProps> = ({ property, record, where }) => {
  const { translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  const text = property.type === 'date' ? formatDate(raw) : formatDateTime(raw, registryTimeZone());
  if (where === 'show') {
    return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{text || '—'}</ValueGroup>;
  }
  // a date or a time is one token: it never wraps
  return <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
};

export default DateValue;
