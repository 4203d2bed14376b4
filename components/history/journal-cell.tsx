import React from 'react';
import type { BasePropertyProps } from 'adminjs';

/**
 * A cell of the journal's list as plain text: a select's Russian label (not a badge, whose capitals AdminJS
 * changes), a person's name and email wrapped only between words.
 */
const JournalCell: React.FC<BasePropertyProps> = ({ property, record }) => {
  const raw = String(record?.params?.[property.path] ?? '');
  const label = property.availableValues?.find((option) => option.value === raw)?.label ?? raw;
  return <span style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>{label}</span>;
};

export default JournalCell;
