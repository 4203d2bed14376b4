import React from 'react';
import { Text } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';

/** The length of a long text shown in a list row; the whole text is on the record's page. */
const PREVIEW_LENGTH = 200;

/** A long text (a letter's "О чем") in a list: one line cut with «…», the whole text (up to 200 characters) in the tooltip. */
const TextPreview: React.FC<BasePropertyProps> = ({ property, record }) => {
  const text = String(record?.params?.[property.path] ?? '');
  const cut = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH).replace(/\s+\S*$/, '')}…` : text;
  return (
    <Text as="span" style={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={cut}>
      {cut}
    </Text>
  );
};

export default TextPreview;
