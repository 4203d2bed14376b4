import React from 'react';
import { Box, H4, Link, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import { formatDate } from './date-format';
import { useCardData } from './use-card-data';
import type { CardLetter } from '../src/organizations/card-data';

const dash = (value: string | null) => value ?? '—';

/** The card's "Переписка": the organization's letters, newest first, each linking to the letter. */
const OrganizationLetters: React.FC<ShowPropertyProps> = ({ record }) => {
  const { items: letters, failed } = useCardData<CardLetter>(`/admin/data/organizations/${record.id}/letters`, 'letters');

  return (
    <Box mb="xl" data-testid="organization-letters">
      <H4>Переписка</H4>
      {failed ? <MessageBox variant="danger" message="Не удалось загрузить письма организации." /> : null}
      {letters && letters.length === 0 ? <Text color="grey60">Писем нет.</Text> : null}
      {letters && letters.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Тип</TableCell>
              <TableCell>Дата подписи</TableCell>
              <TableCell>Номер письма</TableCell>
              <TableCell>Наш входящий номер</TableCell>
              <TableCell>Дата регистрации</TableCell>
              <TableCell>Информация</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {letters.map((letter) => {
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
            })}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
};

export default OrganizationLetters;
