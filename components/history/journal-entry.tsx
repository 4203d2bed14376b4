import React, { useEffect, useState } from 'react';
import { Box, Button, H4, Link, MessageBox, Table, TableBody, TableCell, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import HistoryChanges from './history-changes';
import type { DescribedEntry } from '../../src/domain/describe-entry';
import { panelRequest } from '../engine/panel-request.js';

interface EntryAnswer {
  entry: DescribedEntry;
  recordTitle: string | null;
  /** The panel's resource of the record's card (the server's vocabulary), or null. */
  recordResource: string | null;
  canRestore: boolean;
  hasState: boolean;
  /** A merge of organizations that may be undone from here (the server refuses, saying why, when it cannot). */
  mergeId: number | null;
}

interface StateAnswer {
  exists: boolean;
  fields: { field: string; value: string | null }[];
  links: { field: string; values: string[] }[];
}

/** One entry of the journal: its changes in words, the record as it was after it, and «Восстановить» for a deletion. */
const JournalEntry: React.FC<ShowPropertyProps> = ({ record }) => {
  const [answer, setAnswer] = useState<EntryAnswer | null>(null);
  const [state, setState] = useState<StateAnswer | null>(null);
  const [message, setMessage] = useState<{ variant: 'success' | 'danger'; text: string; link?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/admin/data/journal/${encodeURIComponent(String(record.id))}`;
  useEffect(() => {
    fetch(url, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setAnswer((await response.json()) as EntryAnswer);
      })
      .catch(() => setMessage({ variant: 'danger', text: 'Не удалось загрузить запись журнала.' }));
  }, [url]);
  const showState = () =>
    fetch(`${url}/state`, { credentials: 'same-origin' })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.message);
        setState(body as StateAnswer);
      })
      .catch((error: Error) => setMessage({ variant: 'danger', text: error.message || 'Не удалось восстановить состояние записи.' }));
  const restore = async () => {
    setBusy(true);
    try {
      const { ok, body } = await panelRequest<{ id: number; message: string }>(`${url}/restore`, { method: 'POST' });
      if (!ok) throw new Error(body.message ?? 'Восстановить не удалось.');
      const resource = answer?.recordResource;
      setMessage({ variant: 'success', text: body.message, link: resource ? `/admin/resources/${resource}/records/${body.id}/show` : undefined });
      setAnswer(answer ? { ...answer, canRestore: false } : answer);
    } catch (error) {
      setMessage({ variant: 'danger', text: (error as Error).message || 'Восстановить не удалось.' });
    } finally {
      setBusy(false);
    }
  };
  const undoMerge = async () => {
    setBusy(true);
    try {
      const { ok, body } = await panelRequest<{ keptId: number }>(`/admin/data/merges/${answer?.mergeId}/undo`, { method: 'POST' });
      if (!ok) throw new Error(body.message ?? 'Объединение не отменено.');
      setMessage({ variant: 'success', text: 'Объединение отменено: обе карточки и все перенесённые записи — как были.' });
      setAnswer(answer ? { ...answer, mergeId: null } : answer);
    } catch (error) {
      setMessage({ variant: 'danger', text: (error as Error).message || 'Объединение не отменено.' });
    } finally {
      setBusy(false);
    }
  };
  const entry = answer?.entry;
  const resource = answer?.recordResource;
  return (
    <Box data-testid="journal-entry">
      {message ? (
        <MessageBox variant={message.variant} mb="lg" data-testid="journal-message">
          {message.text} {message.link ? <Link href={message.link}>Открыть запись</Link> : null}
        </MessageBox>
      ) : null}
      {entry ? (
        <>
          <Table mb="xl">
            <TableBody>
              {[
                ['Когда', entry.atText],
                ['Кто', `${entry.actor} · ${entry.source}`],
                ['Действие', entry.actionText],
                ['Раздел', entry.tableText],
              ].map(([label, value]) => (
                <TableRow key={label}>
                  <TableCell style={{ width: '180px', fontWeight: 'bold' }}>{label}</TableCell>
                  <TableCell>{value}</TableCell>
                </TableRow>
              ))}
              {entry.recordId ? (
                <TableRow>
                  <TableCell style={{ fontWeight: 'bold' }}>Запись</TableCell>
                  <TableCell>
                    {resource && entry.action !== 'delete' ? (
                      <Link href={`/admin/resources/${resource}/records/${entry.recordId}/show`}>{answer?.recordTitle ?? `№${entry.recordId}`}</Link>
                    ) : (
                      (answer?.recordTitle ?? `№${entry.recordId}`)
                    )}
                  </TableCell>
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
          <H4>Изменения</H4>
          <Box mb="xl">{entry.changes.length > 0 || entry.note ? <HistoryChanges entry={entry} /> : <Text color="grey60">—</Text>}</Box>
          <Box flex style={{ gap: '12px' }} mb="xl">
            {answer?.canRestore ? (
              <Button type="button" variant="contained" disabled={busy} onClick={restore} data-testid="journal-restore">
                Восстановить
              </Button>
            ) : null}
            {answer?.mergeId ? (
              <Button type="button" variant="contained" disabled={busy} onClick={undoMerge} data-testid="journal-undo-merge">
                Отменить объединение
              </Button>
            ) : null}
            {answer?.hasState ? (
              <Button type="button" variant="outlined" onClick={showState} data-testid="journal-state">
                Запись после этого изменения
              </Button>
            ) : null}
          </Box>
          {state ? (
            <Box data-testid="journal-state-view">
              <H4>Запись после этого изменения</H4>
              {!state.exists ? (
                <Text>После этого изменения записи не было (удалена).</Text>
              ) : (
                <Table>
                  <TableBody>
                    {state.fields.map((field) => (
                      <TableRow key={field.field}>
                        <TableCell style={{ width: '260px', fontWeight: 'bold' }}>{field.field}</TableCell>
                        <TableCell style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{field.value ?? '—'}</TableCell>
                      </TableRow>
                    ))}
                    {state.links.map((link) => (
                      <TableRow key={link.field}>
                        <TableCell style={{ fontWeight: 'bold' }}>{link.field}</TableCell>
                        <TableCell>{link.values.length > 0 ? link.values.join('; ') : '—'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Box>
          ) : null}
        </>
      ) : null}
    </Box>
  );
};

export default JournalEntry;
