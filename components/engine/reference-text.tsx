import React from 'react';
import type { BasePropertyProps } from 'adminjs';

/** A reference shown by its title as plain text (a letter's executor: clerks cannot open users' cards). */
const ReferenceText: React.FC<BasePropertyProps> = ({ property, record }) => {
  const populated = record?.populated?.[property.path] as { title?: string } | undefined;
  return <span>{populated?.title ?? '—'}</span>;
};

export default ReferenceText;
