import React, { useState } from 'react';
import { Link, TableCell, TableRow } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { formatDate } from '../engine/date-format';
import { useCardData } from '../engine/use-card-data';
import type { CardLetter } from '../../src/organizations/card-data';
import { STATUS_COLOR, STATUS_TEXT } from './letter-status-value';

const dash = (value: string | null) => value ?? '—';

/**
 * The card's «Переписка»: the organization's letters twenty to a page, newest first, sortable by date, executor, due
 * date and status; each links to the letter.
 */
const OrganizationLetters: React.FC<ShowPropertyProps> = ({ record }) => {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ key: string; direction: 'asc' | 'desc' }>({ key: 'ourDate', direction: 'desc' });
  const query = new URLSearchParams({ page: String(page), sort: sort.key, direction: sort.direction });
  const { items: letters, failed, body } = useCardData<CardLetter>(`/admin/data/organizations/${record.id}/letters?${query}`, 'letters');
  const onSort = (key: string) => {
    setPage(1);
    setSort((was) => ({ key, direction: was.key === key ? (was.direction === 'asc' ? 'desc' : 'asc') : key === 'ourDate' ? 'desc' : 'asc' }));
  };
  return (
    <CardSection
      testId="organization-letters"
      title="Переписка"
      failedMessage="Не удалось загрузить письма организации."
      emptyText="Писем нет."
      items={letters}
      failed={failed}
      pages={{ page, perPage: Number(body?.perPage ?? 20), total: Number(body?.total ?? 0), onPage: setPage }}
      sort={{ ...sort, onSort }}
      headers={[
        'Тип',
        'Номер письма',
        { label: 'Дата', sortKey: 'ourDate' },
        'Наш входящий номер',
        'Информация',
        { label: 'Исполнитель', sortKey: 'executor' },
        { label: 'Срок ответа', sortKey: 'dueDate' },
        { label: 'Статус', sortKey: 'status' },
      ]}
      row={(letter) => {
        const incoming = letter.direction === 'incoming';
        const status = letter.status ?? '';
        return (
          <TableRow key={letter.id} data-testid="letter-row">
            <TableCell>{incoming ? 'Вх' : 'Исх'}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>{dash(incoming ? letter.theirNumber : letter.ourNumber)}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>{formatDate(letter.ourDate) || '—'}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>{incoming ? dash(letter.ourNumber) : '—'}</TableCell>
            <TableCell style={{ maxWidth: '24em', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={letter.information}>
              <Link href={`/admin/resources/Message/records/${letter.id}/show`}>{letter.information}</Link>
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>{dash(letter.executorName)}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>{formatDate(letter.dueDate) || '—'}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap', color: STATUS_COLOR[status] }} data-testid="card-letter-status">
              {STATUS_TEXT[status] ?? '—'}
            </TableCell>
          </TableRow>
        );
      }}
    />
  );
};

export default OrganizationLetters;
