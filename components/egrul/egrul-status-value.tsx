import React from 'react';
import type { BasePropertyProps } from 'adminjs';

const TEXT: Record<string, string> = { actual: 'актуальна', changed: 'есть изменения', missing: 'нет в ЕГРЮЛ', failed: 'не проверена' };
/** The colour of each last-check status (the list's word, the card's line). */
export const EGRUL_STATUS_COLOR: Record<string, string> = { actual: '#1c6b2e', changed: '#8a5a00', missing: '#8a1c1c', failed: '#6b6b6b' };

/** The list's «ЕГРЮЛ» cell: the last check's status in a word or two, never wrapped mid-word; «—» when never checked. */
const EgrulStatusValue: React.FC<BasePropertyProps> = ({ record, property }) => {
  const status = String(record?.params?.[property.path] ?? '');
  return <span style={{ whiteSpace: 'nowrap', color: EGRUL_STATUS_COLOR[status] }}>{TEXT[status] ?? '—'}</span>;
};

export default EgrulStatusValue;
