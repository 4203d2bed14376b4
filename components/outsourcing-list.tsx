import React from 'react';
import { Box, H4, Link, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import { formatDate } from './date-format';
import { useCardData } from './use-card-data';
import type { CardOutsourcing } from '../src/organizations/card-data';

/** "Аутсорсинг" on the organization card (both sides) and on the resource: who protects which resource, when. */
const OutsourcingList: React.FC<ShowPropertyProps> = ({ record, resource }) => {
  const path = resource.id === 'Resource' ? `resources/${record.id}` : `organizations/${record.id}`;
  const { items, failed } = useCardData<CardOutsourcing>(`/admin/data/${path}/outsourcing`, 'outsourcing');
  const link = (resourceId: string, id: number, text: string) => <Link href={`/admin/resources/${resourceId}/records/${id}/show`}>{text}</Link>;
  return (
    <Box mb="xl" data-testid="outsourcing">
      <H4>Аутсорсинг</H4>
      {failed ? <MessageBox variant="danger" message="Не удалось загрузить сведения об аутсорсинге." /> : null}
      {items && items.length === 0 ? <Text color="grey60">Нет сведений.</Text> : null}
      {items && items.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Исполнитель</TableCell>
              <TableCell>Ресурс</TableCell>
              <TableCell>Владелец ресурса</TableCell>
              <TableCell>Период</TableCell>
              <TableCell>Реквизиты договора</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id} data-testid="outsourcing-row">
                <TableCell>{link('Organization', item.providerId, item.providerName)}</TableCell>
                <TableCell>{link('Resource', item.resourceId, item.resourceName)}</TableCell>
                <TableCell>{link('Organization', item.ownerId, item.ownerName)}</TableCell>
                <TableCell>
                  {formatDate(item.dateStart)} — {item.dateEnd ? formatDate(item.dateEnd) : 'н. в.'}
                </TableCell>
                <TableCell>{item.props ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
};

export default OutsourcingList;
