import React from 'react';
import type { BasePropertyProps } from 'adminjs';

/** A code in a list (ИНН, КПП): one token, never wrapped. */
const CodeValue: React.FC<BasePropertyProps> = ({ property, record }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{String(record?.params?.[property.path] ?? '')}</span>
);

export default CodeValue;
