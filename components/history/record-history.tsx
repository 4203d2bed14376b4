import React, { useState } from 'react';
import { Box, Button, H4, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import HistoryChanges from './history-changes';
import { useCardData } from '../engine/use-card-data';
import type { HistoryPage } from '../../src/history/history.service.ts';

/**
 * The card's «История»: who changed what and when, newest first, 20 a page — the record's own changes and those
 * shown on it (a letter's organizations, an organization's documents).
 */
const RecordHistory: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const table = String((property.props as { historyTable?: string } | undefined)?.historyTable ?? '');
  const [page, setPage] = useState(1);
  const { body, failed } = useCardData<HistoryPage['items'][number]>(
    `/admin/data/history/${encodeURIComponent(table)}/${encodeURIComponent(String(record.id))}?page=${page}`,
    'items',
  );
  const data = body as HistoryPage | null;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.perPage)) : 1;
  return (
    <Box mb="xl" data-testid="record-history" id="history">
      <H4>История изменений{data ? ` (${data.total})` : ''}</H4>
      {failed ? <MessageBox variant="danger" message="Не удалось загрузить историю изменений." /> : null}
      {data && data.items.length === 0 ? <Text color="grey60">Изменений не записано.</Text> : null}
      {data && data.items.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell style={{ width: '130px' }}>Когда</TableCell>
              <TableCell style={{ width: '220px' }}>Кто</TableCell>
              <TableCell style={{ width: '160px' }}>Действие</TableCell>
              <TableCell>Что изменено</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map((entry) => (
              <TableRow key={entry.id} data-testid="history-entry">
                <TableCell style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{entry.atText}</TableCell>
                <TableCell style={{ overflowWrap: 'anywhere', verticalAlign: 'top' }}>
                  {entry.actor}
                  <Text color="grey60" fontSize="sm">
                    {entry.source}
                  </Text>
                </TableCell>
                <TableCell style={{ verticalAlign: 'top' }}>
                  {entry.actionText}
                  {entry.table !== table ? (
                    <Text color="grey60" fontSize="sm">
                      {entry.tableText}
                    </Text>
                  ) : null}
                </TableCell>
                <TableCell style={{ verticalAlign: 'top' }}>
                  <HistoryChanges entry={entry} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {pages > 1 ? (
        <Box flex alignItems="center" mt="default" style={{ gap: '12px' }}>
          <Button size="sm" variant="outlined" type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Новее
          </Button>
          <Text>
            Страница {page} из {pages}
          </Text>
          <Button size="sm" variant="outlined" type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Старее
          </Button>
        </Box>
      ) : null}
    </Box>
  );
};

export default RecordHistory;
