import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

/** «№ в старой системе» on a card of a record brought from the old service (and what did not come across); nothing otherwise. */
const LegacyNumber: React.FC<BasePropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const text = record?.params?.[property.path];
  if (!text) return null;
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      <span data-testid="legacy-number">{String(text)}</span>
    </ValueGroup>
  );
};

export default LegacyNumber;
