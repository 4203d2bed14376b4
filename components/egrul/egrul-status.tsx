import React, { useEffect, useState } from 'react';
import { Badge, Box, Button, CheckBox, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';
import { panelRequest } from '../engine/panel-request.js';

interface CheckState {
  configured: boolean;
  canApply: boolean;
  status: 'actual' | 'changed' | 'missing' | 'failed' | null;
  statusText?: string;
  checkedAt?: string;
  problem?: string | null;
  failure?: string | null;
  differences?: { field: string; label: string; registry: string | null; egrul: string | null }[];
  message?: string;
}

const VARIANT: Record<string, 'success' | 'info' | 'danger' | 'secondary'> = { actual: 'success', changed: 'info', missing: 'danger', failed: 'secondary' };

/**
 * The card's «Сверка с ЕГРЮЛ»: the last check as a badge with its date, «Сверить с ЕГРЮЛ» to check now, and the
 * differences; an admin ticks the fields to take from EGRUL and applies them (saved through the panel's write path).
 */
const EgrulStatus: React.FC<ShowPropertyProps> = ({ record }) => {
  const url = `/admin/data/organizations/${encodeURIComponent(String(record.id))}`;
  const [state, setState] = useState<CheckState | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ variant: 'success' | 'danger'; text: string } | null>(null);
  // after «Взять из ЕГРЮЛ» the card is loaded again (its fields show the new values); the message survives that
  const appliedKey = `egrul-applied:${String(record.id)}`;
  useEffect(() => {
    const applied = window.sessionStorage.getItem(appliedKey);
    if (applied) {
      window.sessionStorage.removeItem(appliedKey);
      setNotice({ variant: 'success', text: applied });
    }
  }, [appliedKey]);
  useEffect(() => {
    fetch(`${url}/egrul-check`, { credentials: 'same-origin' })
      .then(async (response) => (response.ok ? setState((await response.json()) as CheckState) : undefined))
      .catch(() => undefined);
  }, [url]);
  const call = async (path: string, body?: unknown) => {
    setBusy(true);
    setNotice(null);
    try {
      const { ok, body: answer } = await panelRequest<CheckState>(`${url}/${path}`, {
        method: 'POST',
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!ok) throw new Error(answer.message ?? 'Не получилось.');
      if (path === 'egrul-apply') {
        window.sessionStorage.setItem(appliedKey, answer.message ?? 'Изменения из ЕГРЮЛ применены.');
        window.location.reload();
        return;
      }
      setState(answer);
      setChosen([]);
      if (answer.message) setNotice({ variant: 'success', text: answer.message });
    } catch (error) {
      setNotice({ variant: 'danger', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  if (!state || (!state.configured && state.status === null)) return null;
  const differences = state.differences ?? [];
  return (
    <Box mb="xl" data-testid="egrul-status">
      <Box flex alignItems="center" style={{ gap: '12px', flexWrap: 'wrap' }}>
        <Text fontWeight="bold">Сверка с ЕГРЮЛ:</Text>
        {state.status ? (
          <Badge variant={VARIANT[state.status]} data-testid="egrul-status-badge">
            {state.statusText}
          </Badge>
        ) : (
          <Text color="grey60">не сверялась</Text>
        )}
        {state.checkedAt ? <Text color="grey60">проверено {state.checkedAt}</Text> : null}
        {state.configured ? (
          <Button size="sm" variant="outlined" type="button" disabled={busy} onClick={() => call('egrul-check')} data-testid="egrul-check-now">
            Сверить с ЕГРЮЛ
          </Button>
        ) : null}
      </Box>
      {notice ? <MessageBox mt="default" variant={notice.variant} message={notice.text} data-testid="egrul-notice" /> : null}
      {state.problem ? (
        <Text mt="default" color="grey60">
          {state.problem}
        </Text>
      ) : null}
      {state.failure ? (
        <Text mt="default" color="grey60" data-testid="egrul-failure">
          {state.failure}
        </Text>
      ) : null}
      {state.status === 'changed' && differences.length > 0 ? (
        <Box mt="default">
          <Table data-testid="egrul-differences">
            <TableHead>
              <TableRow>
                {state.canApply ? <TableCell style={{ width: '40px' }} /> : null}
                <TableCell>Поле</TableCell>
                <TableCell>В реестре</TableCell>
                <TableCell>В ЕГРЮЛ</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {differences.map((d) => (
                <TableRow key={d.field}>
                  {state.canApply ? (
                    <TableCell>
                      <CheckBox
                        id={`egrul-${d.field}`}
                        checked={chosen.includes(d.field)}
                        onChange={() => setChosen(chosen.includes(d.field) ? chosen.filter((f) => f !== d.field) : [...chosen, d.field])}
                      />
                    </TableCell>
                  ) : null}
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <label htmlFor={`egrul-${d.field}`}>{d.label}</label>
                  </TableCell>
                  <TableCell style={{ overflowWrap: 'anywhere' }}>{d.registry ?? '—'}</TableCell>
                  <TableCell style={{ overflowWrap: 'anywhere' }}>{d.egrul ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {state.canApply ? (
            <Button
              mt="default"
              size="sm"
              type="button"
              variant="contained"
              disabled={busy || chosen.length === 0}
              onClick={() => call('egrul-apply', { fields: chosen })}
              data-testid="egrul-apply"
            >
              Взять из ЕГРЮЛ отмеченные ({chosen.length})
            </Button>
          ) : (
            <Text mt="default" color="grey60">
              Применить изменения из ЕГРЮЛ может администратор.
            </Text>
          )}
        </Box>
      ) : null}
    </Box>
  );
};

export default EgrulStatus;
