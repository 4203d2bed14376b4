import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { formatDate } from '../engine/date-format';

/** A status in a word or two, and its colour: the list, the card and the organization card's «Переписка». */
export const STATUS_TEXT: Record<string, string> = { waiting: 'ждёт ответа', answered: 'отвечено', overdue: 'просрочено' };
export const STATUS_COLOR: Record<string, string> = { waiting: '#8a5a00', answered: '#1c6b2e', overdue: '#b00020' };

/**
 * An incoming letter's answer status (server-derived), on the card with its due date while it waits (a list has the
 * due date in a column of its own); «—» when none applies.
 */
const LetterStatusValue: React.FC<BasePropertyProps> = ({ record, where }) => {
  const status = String(record?.params?.status ?? '');
  const due = formatDate(record?.params?.dueDate);
  if (!STATUS_TEXT[status]) return <span style={{ color: '#5c5e70' }}>—</span>;
  return (
    <span
      data-testid="letter-status"
      data-status={status}
      style={{ whiteSpace: 'nowrap', color: STATUS_COLOR[status], fontWeight: status === 'overdue' ? 500 : undefined }}
    >
      {STATUS_TEXT[status]}
      {due && status !== 'answered' && where !== 'list' ? <span style={{ color: '#454655', fontWeight: 400 }}>{` · до ${due}`}</span> : null}
    </span>
  );
};

export default LetterStatusValue;
