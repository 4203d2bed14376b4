import React from 'react';
import type { BasePropertyProps } from 'adminjs';

const SHORT: Record<string, { text: string; title: string; color: string }> = {
  incoming: { text: 'вх.', title: 'Входящее', color: '#1f5fa8' },
  outgoing: { text: 'исх.', title: 'Исходящее', color: '#5b3fa0' },
};

/** A letter's direction in a list: «вх.» or «исх.», as on a register's page (the whole word in the tooltip). */
const LetterDirectionValue: React.FC<BasePropertyProps> = ({ record }) => {
  const direction = SHORT[String(record?.params?.direction ?? '')];
  if (!direction) return <span>—</span>;
  return (
    <abbr title={direction.title} style={{ textDecoration: 'none', color: direction.color, fontWeight: 500 }} data-testid="letter-direction">
      {direction.text}
    </abbr>
  );
};

export default LetterDirectionValue;
