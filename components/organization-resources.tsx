import React from 'react';
import { Box, H4, Link, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import { useCardData } from './use-card-data';
import type { CardResource } from '../src/organizations/card-data';

/** The card's "Собственные ресурсы": resources owned by the organization that are not deleted. */
const OrganizationResources: React.FC<ShowPropertyProps> = ({ record }) => {
  const { items: resources, failed } = useCardData<CardResource>(`/admin/data/organizations/${record.id}/resources`, 'resources');

  return (
    <Box mb="xl" data-testid="organization-resources">
      <H4>Собственные ресурсы</H4>
      {failed ? <MessageBox variant="danger" message="Не удалось загрузить ресурсы организации." /> : null}
      {resources && resources.length === 0 ? <Text color="grey60">Ресурсов нет.</Text> : null}
      {resources && resources.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Название</TableCell>
              <TableCell>Рег. №</TableCell>
              <TableCell>Категория</TableCell>
              <TableCell>Регионы размещения</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {resources.map((resource) => (
              <TableRow key={resource.id} data-testid="resource-row">
                <TableCell>
                  <Link href={`/admin/resources/Resource/records/${resource.id}/show`}>{resource.name}</Link>
                  {resource.isOkii ? ' (объект КИИ)' : ''}
                </TableCell>
                <TableCell>{resource.fstecRegNumber ?? '—'}</TableCell>
                <TableCell>{resource.category ? resource.category : '—'}</TableCell>
                <TableCell>{resource.regions.length > 0 ? resource.regions.join(', ') : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
};

export default OrganizationResources;
