import React, { useState } from 'react';
import { Box, Button, CheckBox, H3, Link, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text, TextArea } from '@adminjs/design-system';
import type { PreviewRow } from '../../src/egrul/egrul-bulk.service.ts';
import { NO_CONNECTION, panelRequest } from '../engine/panel-request.js';

const STATE_TEXT: Record<PreviewRow['state'], string> = {
  found: 'Найдена',
  registered: 'Уже в реестре',
  duplicate: 'Возможный дубль',
  branches: 'Есть филиалы',
  'not-found': 'Нет в ЕГРЮЛ',
  invalid: 'Ошибка',
  failed: 'Не удалось проверить',
  unchecked: 'Не проверена',
};
/** The summary's order and words: every kind of line is counted. */
const SUMMARY: [PreviewRow['state'], string][] = [
  ['found', 'найдено'],
  ['branches', 'есть филиалы'],
  ['duplicate', 'возможный дубль'],
  ['registered', 'уже в реестре'],
  ['not-found', 'нет в ЕГРЮЛ'],
  ['failed', 'не удалось проверить'],
  ['unchecked', 'не проверено'],
  ['invalid', 'с ошибкой'],
];
const number = (n: number) => n.toLocaleString('ru-RU');

type Preview = { token: string; rows: PreviewRow[] };

/** The preview as a stream (NDJSON): progress lines, then the preview or a message; «Нет связи…» if it breaks off. */
async function streamPreview(body: BodyInit, contentType: string, onProgress: (done: number, total: number) => void): Promise<Preview> {
  let response: Response;
  try {
    response = await fetch('/admin/data/egrul-bulk/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/x-ndjson, application/json', 'Content-Type': contentType },
      body,
    });
  } catch {
    throw new Error(NO_CONNECTION);
  }
  if (!response.body || !/ndjson/.test(response.headers.get('content-type') ?? '')) {
    const answer = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(answer.message ?? `Проверка не выполнена (код ${response.status}).`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new Error(NO_CONNECTION);
    }
    buffered += decoder.decode(chunk.value ?? new Uint8Array(), { stream: !chunk.done });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as { progress?: { done: number; total: number }; message?: string } & Partial<Preview>;
      buffered = buffered.slice(newline + 1);
      if (line.progress) onProgress(line.progress.done, line.progress.total);
      else if (line.rows && line.token) return line as Preview;
      else throw new Error(line.message ?? 'Проверка не выполнена.');
      newline = buffered.indexOf('\n');
    }
    if (chunk.done) throw new Error(NO_CONNECTION);
  }
}
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
  const [preview, setPreview] = useState<Preview | null>(null);
  // the units ticked per line: one, or several of a head and its branches
  const [chosen, setChosen] = useState<Record<number, number[]>>({});
  const [done, setDone] = useState(false);

  const check = async () => {
    setMessage(null);
    setDone(false);
    setBusy('Проверяю список в ЕГРЮЛ…');
    try {
      const body = file ? await file.arrayBuffer() : text;
      const answer = await streamPreview(body, file ? 'application/octet-stream' : 'text/plain; charset=utf-8', (done, total) =>
        setBusy(`Проверено ${number(done)} из ${number(total)}…`),
      );
      setPreview(answer);
      setChosen(Object.fromEntries(answer.rows.filter((r) => r.state === 'found' && r.unit).map((r) => [r.line, [r.unit!.serviceId]])));
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
        body: JSON.stringify({ rows: Object.entries(chosen).flatMap(([line, ids]) => ids.map((serviceId) => ({ line: Number(line), serviceId }))) }),
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
  const toggle = (line: number, serviceId: number) => {
    const ids = chosen[line] ?? [];
    const next = { ...chosen, [line]: ids.includes(serviceId) ? ids.filter((id) => id !== serviceId) : [...ids, serviceId] };
    if (next[line]!.length === 0) delete next[line];
    setChosen(next);
  };
  const count = Object.values(chosen).reduce((sum, ids) => sum + ids.length, 0);

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
          <Text mb="default" data-testid="egrul-bulk-summary">
            Строк: {number(preview.rows.length)};{' '}
            {SUMMARY.map(([state, word]) => [word, preview.rows.filter((r) => r.state === state).length] as const)
              .filter(([, n]) => n > 0)
              .map(([word, n]) => `${word}: ${number(n)}`)
              .join('; ')}
            .
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
                    {IMPORTABLE.includes(row.state) && row.state !== 'branches' && row.unit ? (
                      <CheckBox
                        id={`line-${row.line}`}
                        checked={(chosen[row.line] ?? []).includes(row.unit.serviceId)}
                        disabled={done}
                        onChange={() => toggle(row.line, row.unit!.serviceId)}
                      />
                    ) : null}
                  </TableCell>
                  <TableCell>{row.line}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{row.inn ? `${row.inn}${row.kpp ? ` / ${row.kpp}` : ''}` : row.input}</TableCell>
                  <TableCell>
                    <Text fontWeight="bold">{STATE_TEXT[row.state]}</Text>
                    {row.state !== 'found' && row.state !== 'registered' ? <Text color="grey60">{row.message}</Text> : null}
                  </TableCell>
                  <TableCell style={{ minWidth: '280px' }}>
                    {row.state === 'registered' && row.unit?.registryId ? <Link href={card(row.unit.registryId)}>{row.unit.name}</Link> : null}
                    {(row.state === 'found' || row.state === 'duplicate') && row.unit ? row.unit.name : null}
                    {row.state === 'branches'
                      ? row.units.map((unit) => (
                          <Box key={unit.serviceId} flex alignItems="center" style={{ gap: '8px' }} data-testid="egrul-bulk-unit">
                            <CheckBox
                              id={`unit-${row.line}-${unit.serviceId}`}
                              checked={(chosen[row.line] ?? []).includes(unit.serviceId)}
                              disabled={done || unit.registryId !== null}
                              onChange={() => toggle(row.line, unit.serviceId)}
                            />
                            <label htmlFor={`unit-${row.line}-${unit.serviceId}`}>
                              {unit.name}
                              {unit.kpp ? `, КПП ${unit.kpp}` : ''}
                              {unit.registryId ? ' (уже в реестре)' : ''}
                            </label>
                          </Box>
                        ))
                      : null}
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
