import React from 'react';
import type { BasePropertyProps } from 'adminjs';

/** A code or a number in a list (ИНН, КПП, a letter's registration numbers): one token, never wrapped. */
const CodeValue: React.FC<BasePropertyProps> = ({ property, record }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{String(record?.params?.[property.path] ?? '')}</span>
);

export default CodeValue;
