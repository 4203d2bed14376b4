import React from 'react';
import { Link, TableCell, TableRow } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { useCardData } from '../engine/use-card-data';
import type { CardResource } from '../../src/organizations/card-data';

/** The card's "Собственные ресурсы": resources owned by the organization that are not deleted. */
const OrganizationResources: React.FC<ShowPropertyProps> = ({ record }) => {
  const { items: resources, failed } = useCardData<CardResource>(`/admin/data/organizations/${record.id}/resources`, 'resources');
  return (
    <CardSection
      testId="organization-resources"
      title="Собственные ресурсы"
      failedMessage="Не удалось загрузить ресурсы организации."
      emptyText="Ресурсов нет."
      items={resources}
      failed={failed}
      headers={['Название', 'Рег. №', 'Категория', 'Регионы размещения']}
      row={(resource) => (
        <TableRow key={resource.id} data-testid="resource-row">
          <TableCell>
            <Link href={`/admin/resources/Resource/records/${resource.id}/show`}>{resource.name}</Link>
            {resource.isOkii ? ' (объект КИИ)' : ''}
          </TableCell>
          <TableCell>{resource.fstecRegNumber ?? '—'}</TableCell>
          <TableCell>{resource.category ? resource.category : '—'}</TableCell>
          <TableCell>{resource.regions.length > 0 ? resource.regions.join(', ') : '—'}</TableCell>
        </TableRow>
      )}
    />
  );
};

export default OrganizationResources;
