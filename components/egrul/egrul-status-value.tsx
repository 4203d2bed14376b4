import React from 'react';
import type { BasePropertyProps } from 'adminjs';

const TEXT: Record<string, string> = { actual: 'актуальна', changed: 'есть изменения', missing: 'нет в ЕГРЮЛ', failed: 'не проверена' };
const COLOR: Record<string, string> = { actual: '#1c6b2e', changed: '#8a5a00', missing: '#8a1c1c', failed: '#6b6b6b' };

/** The list's «ЕГРЮЛ» cell: the last check's status in a word or two, never wrapped mid-word; «—» when never checked. */
const EgrulStatusValue: React.FC<BasePropertyProps> = ({ record, property }) => {
  const status = String(record?.params?.[property.path] ?? '');
  return <span style={{ whiteSpace: 'nowrap', color: COLOR[status] }}>{TEXT[status] ?? '—'}</span>;
};

export default EgrulStatusValue;
