import React from 'react';
import { Link, TableCell, TableRow } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { formatDate } from '../engine/date-format';
import { useCardData } from '../engine/use-card-data';
import type { CardOutsourcing } from '../../src/organizations/card-data';

/** "Аутсорсинг" on the organization card (both sides) and on the resource: who protects which resource, when. */
const OutsourcingList: React.FC<ShowPropertyProps> = ({ record, resource }) => {
  const path = resource.id === 'Resource' ? `resources/${record.id}` : `organizations/${record.id}`;
  const { items, failed } = useCardData<CardOutsourcing>(`/admin/data/${path}/outsourcing`, 'outsourcing');
  const link = (resourceId: string, id: number, text: string) => <Link href={`/admin/resources/${resourceId}/records/${id}/show`}>{text}</Link>;
  return (
    <CardSection
      testId="outsourcing"
      title="Аутсорсинг"
      failedMessage="Не удалось загрузить сведения об аутсорсинге."
      emptyText="Нет сведений."
      items={items}
      failed={failed}
      headers={['Исполнитель', 'Ресурс', 'Владелец ресурса', 'Период', 'Реквизиты договора']}
      row={(item) => (
        <TableRow key={item.id} data-testid="outsourcing-row">
          <TableCell>{link('Organization', item.providerId, item.providerName)}</TableCell>
          <TableCell>{link('Resource', item.resourceId, item.resourceName)}</TableCell>
          <TableCell>{link('Organization', item.ownerId, item.ownerName)}</TableCell>
          <TableCell>
            {formatDate(item.dateStart)} — {item.dateEnd ? formatDate(item.dateEnd) : 'н. в.'}
          </TableCell>
          <TableCell>{item.props ?? '—'}</TableCell>
        </TableRow>
      )}
    />
  );
};

export default OutsourcingList;
