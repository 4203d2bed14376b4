import React, { useState } from 'react';
import { Box, Button, CheckBox, H3, Link, MessageBox, Select, Table, TableBody, TableCell, TableHead, TableRow, Text, TextArea } from '@adminjs/design-system';
import type { PreviewRow } from '../../src/egrul/egrul-bulk.service.ts';
import { panelRequest } from '../engine/panel-request.js';

const STATE_TEXT: Record<PreviewRow['state'], string> = {
  found: 'Найдена',
  registered: 'Уже в реестре',
  duplicate: 'Возможный дубль',
  branches: 'Есть филиалы',
  'not-found': 'Нет в ЕГРЮЛ',
  invalid: 'Ошибка',
  failed: 'Не проверена',
};
const IMPORTABLE: PreviewRow['state'][] = ['found', 'duplicate', 'branches'];
const card = (id: number) => `/admin/resources/Organization/records/${id}/show`;

/**
 * «Массовый импорт из ЕГРЮЛ» (admins): a list of INNs pasted or uploaded (CSV, TXT, XLSX) → a preview per line →
 * the ticked rows added in one transaction → an XLSX report of every line.
 */
const EgrulBulkImport: React.FC = () => {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ variant: 'success' | 'danger'; text: string } | null>(null);
  const [preview, setPreview] = useState<{ token: string; rows: PreviewRow[] } | null>(null);
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [done, setDone] = useState(false);

  const check = async () => {
    setMessage(null);
    setDone(false);
    setBusy('Проверяю список в ЕГРЮЛ…');
    try {
      const body = file ? await file.arrayBuffer() : text;
      const { ok, body: answer } = await panelRequest<{ token: string; rows: PreviewRow[] }>('/admin/data/egrul-bulk/preview', {
        method: 'POST',
        headers: { 'Content-Type': file ? 'application/octet-stream' : 'text/plain; charset=utf-8' },
        body,
      });
      if (!ok) throw new Error(answer.message ?? 'Проверка не выполнена.');
      setPreview(answer);
      setChosen(Object.fromEntries((answer.rows as PreviewRow[]).filter((r) => r.state === 'found' && r.unit).map((r) => [r.line, r.unit!.serviceId])));
    } catch (error) {
      setMessage({ variant: 'danger', text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const importChosen = async () => {
    if (!preview) return;
    setBusy('Добавляю организации…');
    setMessage(null);
    try {
      const { ok, body: answer } = await panelRequest<{ message: string }>(`/admin/data/egrul-bulk/${preview.token}/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rows: Object.entries(chosen).map(([line, serviceId]) => ({ line: Number(line), serviceId })) }),
      });
      if (!ok) throw new Error(answer.message ?? 'Импорт не выполнен.');
      setMessage({ variant: 'success', text: answer.message });
      setDone(true);
    } catch (error) {
      setMessage({ variant: 'danger', text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const toggle = (row: PreviewRow) => {
    const next = { ...chosen };
    if (next[row.line] !== undefined) delete next[row.line];
    else if (row.unit) next[row.line] = row.unit.serviceId;
    setChosen(next);
  };
  const count = Object.keys(chosen).length;

  return (
    <Box variant="container" data-testid="egrul-bulk">
      <H3>Массовый импорт из ЕГРЮЛ</H3>
      <Text mb="lg">
        По одному ИНН на строку, можно с КПП через пробел или «;» — до 5000 строк. Или файл CSV, TXT или XLSX (первый лист). Строки без цифр (заголовки)
        пропускаются.
      </Text>
      <TextArea
        width={1}
        rows={8}
        value={text}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
        placeholder={'7707083893\n7707083893;773601001'}
        disabled={Boolean(file)}
        data-testid="egrul-bulk-text"
      />
      <Box flex alignItems="center" mt="default" style={{ gap: '16px', flexWrap: 'wrap' }}>
        {/* the browser's own file button speaks the browser's language: ours is Russian */}
        <label style={{ cursor: 'pointer', display: 'inline-flex', alignItems: 'center', gap: '8px' }}>
          <Text as="span">или файл:</Text>
          <input
            type="file"
            style={{ display: 'none' }}
            accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            data-testid="egrul-bulk-file"
          />
          <Text as="span" style={{ border: '1px solid #3040d6', borderRadius: '4px', padding: '4px 12px', color: '#3040d6', whiteSpace: 'nowrap' }}>
            Выбрать файл…
          </Text>
          <Text as="span" color="grey60">
            {file ? file.name : 'не выбран'}
          </Text>
        </label>
        {file ? (
          <Button type="button" size="sm" variant="text" onClick={() => setFile(null)}>
            Убрать файл
          </Button>
        ) : null}
        <Button type="button" variant="contained" disabled={Boolean(busy) || (!file && text.trim() === '')} onClick={check} data-testid="egrul-bulk-check">
          Проверить список
        </Button>
        {busy ? <Text>{busy}</Text> : null}
      </Box>
      {message ? <MessageBox mt="lg" variant={message.variant} message={message.text} data-testid="egrul-bulk-message" /> : null}
      {preview ? (
        <Box mt="xl">
          <Text mb="default">
            Строк: {preview.rows.length}; найдено: {preview.rows.filter((r) => r.state === 'found').length}; уже в реестре:{' '}
            {preview.rows.filter((r) => r.state === 'registered').length}; нет в ЕГРЮЛ: {preview.rows.filter((r) => r.state === 'not-found').length}; с ошибкой:{' '}
            {preview.rows.filter((r) => r.state === 'invalid').length}.
          </Text>
          <Box flex style={{ gap: '16px' }} mb="default" alignItems="center">
            <Button type="button" variant="contained" disabled={Boolean(busy) || done || count === 0} onClick={importChosen} data-testid="egrul-bulk-import">
              Добавить отмеченные ({count})
            </Button>
            <Link href={`/admin/data/egrul-bulk/${preview.token}/report`} data-testid="egrul-bulk-report">
              Скачать отчёт (XLSX)
            </Link>
          </Box>
          <Table data-testid="egrul-bulk-preview">
            <TableHead>
              <TableRow>
                <TableCell style={{ width: '40px' }} />
                <TableCell style={{ width: '70px' }}>Строка</TableCell>
                <TableCell>ИНН / КПП</TableCell>
                <TableCell>Результат</TableCell>
                <TableCell>Организация</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.rows.map((row) => (
                <TableRow key={row.line} data-testid="egrul-bulk-row">
                  <TableCell>
                    {IMPORTABLE.includes(row.state) && row.state !== 'branches' ? (
                      <CheckBox id={`line-${row.line}`} checked={chosen[row.line] !== undefined} disabled={done} onChange={() => toggle(row)} />
                    ) : null}
                  </TableCell>
                  <TableCell>{row.line}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{row.inn ? `${row.inn}${row.kpp ? ` / ${row.kpp}` : ''}` : row.input}</TableCell>
                  <TableCell>
                    <Text fontWeight="bold">{STATE_TEXT[row.state]}</Text>
                    {row.state !== 'found' ? <Text color="grey60">{row.message}</Text> : null}
                  </TableCell>
                  <TableCell style={{ minWidth: '280px' }}>
                    {row.state === 'registered' && row.unit?.registryId ? <Link href={card(row.unit.registryId)}>{row.unit.name}</Link> : null}
                    {(row.state === 'found' || row.state === 'duplicate') && row.unit ? row.unit.name : null}
                    {row.state === 'branches' ? (
                      <Select
                        isDisabled={done}
                        placeholder="Выберите подразделение…"
                        options={row.units.map((unit) => ({
                          value: String(unit.serviceId),
                          label: `${unit.name}${unit.kpp ? `, КПП ${unit.kpp}` : ''}${unit.registryId ? ' (уже в реестре)' : ''}`,
                        }))}
                        value={
                          chosen[row.line] !== undefined
                            ? { value: String(chosen[row.line]), label: row.units.find((u) => u.serviceId === chosen[row.line])?.name ?? '' }
                            : null
                        }
                        onChange={(option: { value: string } | null) => {
                          const next = { ...chosen };
                          if (option) next[row.line] = Number(option.value);
                          else delete next[row.line];
                          setChosen(next);
                        }}
                      />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
    </Box>
  );
};

export default EgrulBulkImport;
