import React from 'react';
import { Box, Link, Text } from '@adminjs/design-system';
import { PropertyLabel, type BasePropertyProps } from 'adminjs';

/** A document's scan: a download link through the app (login required), or "без скана". Never the stored path. */
const ScanLink: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const hasScan = Boolean(record?.params?.filePath);
  const content = hasScan ? (
    <Link href={`/admin/data/documents/${record?.id}/scan`} data-testid="scan-download">
      Скачать PDF
    </Link>
  ) : (
    <Text color="grey60">без скана</Text>
  );
  if (where !== 'show') return content;
  return (
    <Box mb="xl">
      <PropertyLabel property={property} />
      {content}
    </Box>
  );
};

export default ScanLink;
