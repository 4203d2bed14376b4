import React from 'react';
import { Link, TableCell, TableRow } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { formatDate } from '../engine/date-format';
import { useCardData } from '../engine/use-card-data';
import type { CardLetter } from '../../src/organizations/card-data';

const dash = (value: string | null) => value ?? '—';

/** The card's "Переписка": the organization's letters, newest first, each linking to the letter. */
const OrganizationLetters: React.FC<ShowPropertyProps> = ({ record }) => {
  const { items: letters, failed } = useCardData<CardLetter>(`/admin/data/organizations/${record.id}/letters`, 'letters');
  return (
    <CardSection
      testId="organization-letters"
      title="Переписка"
      failedMessage="Не удалось загрузить письма организации."
      emptyText="Писем нет."
      items={letters}
      failed={failed}
      headers={['Тип', 'Дата подписи', 'Номер письма', 'Наш входящий номер', 'Дата регистрации', 'Информация']}
      row={(letter) => {
        const incoming = letter.direction === 'incoming';
        return (
          <TableRow key={letter.id} data-testid="letter-row">
            <TableCell>{incoming ? 'Вх' : 'Исх'}</TableCell>
            <TableCell>{formatDate(incoming ? letter.theirDate : letter.ourDate) || '—'}</TableCell>
            <TableCell>{dash(incoming ? letter.theirNumber : letter.ourNumber)}</TableCell>
            <TableCell>{incoming ? dash(letter.ourNumber) : '—'}</TableCell>
            <TableCell>{incoming ? formatDate(letter.ourDate) || '—' : '—'}</TableCell>
            <TableCell>
              <Link href={`/admin/resources/Message/records/${letter.id}/show`}>{letter.information}</Link>
            </TableCell>
          </TableRow>
        );
      }}
    />
  );
};

export default OrganizationLetters;
