import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import type { DescribedEntry } from '../../src/domain/describe-entry';

/** An entry's changes, one per line: «ИНН: 7707083893 → 7707083894» (a value that was empty shows as «—»). */
const HistoryChanges: React.FC<{ entry: DescribedEntry }> = ({ entry }) => (
  <Box>
    {entry.changes.map((change, index) => (
      <Box key={index} data-testid="history-change" style={{ overflowWrap: 'anywhere' }}>
        <Text as="span" fontWeight="bold">
          {change.field}:
        </Text>{' '}
        {entry.action === 'insert' || (entry.action === 'restore' && change.old === null) ? (
          <Text as="span">{change.new ?? '—'}</Text>
        ) : entry.action === 'delete' ? (
          <Text as="span">{change.old ?? '—'}</Text>
        ) : (
          <Text as="span">
            <span style={{ color: '#8a1c1c' }}>{change.old ?? '—'}</span> → <span style={{ color: '#1c6b2e' }}>{change.new ?? '—'}</span>
          </Text>
        )}
      </Box>
    ))}
    {entry.note ? (
      <Text color="grey60" style={{ overflowWrap: 'anywhere' }}>
        {entry.note}
      </Text>
    ) : null}
  </Box>
);

export default HistoryChanges;
