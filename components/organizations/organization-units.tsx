import React from 'react';
import { Link, TableCell, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { useCardData } from '../engine/use-card-data';
import type { CardRelatedUnit } from '../../src/organizations/card-data';

/**
 * The card's «Головная организация и филиалы»: the other units of the same legal entity in the registry, linked at
 * import from EGRUL (a branch to its head). Nothing is shown for an organization without them.
 */
const OrganizationUnits: React.FC<ShowPropertyProps> = ({ record }) => {
  const { items: units, failed } = useCardData<CardRelatedUnit>(`/admin/data/organizations/${record.id}/units`, 'units');
  if (!failed && (!units || units.length === 0)) return null;
  const isBranch = units?.some((unit) => unit.role === 'head') ?? false;
  return (
    <CardSection
      testId="organization-units"
      title={isBranch ? 'Головная организация' : 'Филиалы и обособленные подразделения'}
      failedMessage="Не удалось загрузить головную организацию и филиалы."
      emptyText=""
      items={units}
      failed={failed}
      headers={['', 'Наименование', 'КПП']}
      row={(unit) => (
        <TableRow key={unit.id} data-testid="unit-row">
          <TableCell style={{ whiteSpace: 'nowrap' }}>{unit.role === 'head' ? 'Головная' : 'Филиал'}</TableCell>
          <TableCell>
            <Link href={`/admin/resources/Organization/records/${unit.id}/show`}>{unit.name}</Link>
            {unit.isActive ? null : (
              <Text as="span" color="grey60">
                {' '}
                (не действует)
              </Text>
            )}
          </TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>{unit.kpp ?? '—'}</TableCell>
        </TableRow>
      )}
    />
  );
};

export default OrganizationUnits;
