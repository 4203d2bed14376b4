import React from 'react';
import { Box } from '@adminjs/design-system';
import { PropertyLabel, type BasePropertyProps } from 'adminjs';

const SHORT: Record<string, { text: string; title: string; color: string }> = {
  incoming: { text: 'вх.', title: 'Входящее', color: '#1f5fa8' },
  outgoing: { text: 'исх.', title: 'Исходящее', color: '#5b3fa0' },
};

/**
 * A letter's direction: in a list «вх.» or «исх.», as on a register's page (the whole word in the tooltip); on the
 * card the whole word under its label.
 */
const LetterDirectionValue: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const direction = SHORT[String(record?.params?.direction ?? '')];
  if (where === 'show') {
    return (
      <Box mb="xl">
        <PropertyLabel property={property} />
        <span style={{ color: direction?.color, fontWeight: 500 }}>{direction?.title ?? '—'}</span>
      </Box>
    );
  }
  if (!direction) return <span>—</span>;
  return (
    <abbr title={direction.title} style={{ textDecoration: 'none', color: direction.color, fontWeight: 500 }} data-testid="letter-direction">
      {direction.text}
    </abbr>
  );
};

export default LetterDirectionValue;
