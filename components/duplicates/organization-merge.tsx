import React, { useEffect, useState } from 'react';
import { Box, Button, H3, Input, Label, MessageBox, Text } from '@adminjs/design-system';
import { Link, useLocation } from 'react-router-dom';
import type { ActionProps } from 'adminjs';
import type { MergePreview } from '../../src/duplicates/organization-merge.service';
import { panelRequest } from '../engine/panel-request';

type Choice = 'kept' | 'merged' | 'joined';
const card = (id: number | string) => `/admin/resources/Organization/records/${id}/show`;
const cell: React.CSSProperties = { padding: '6px 10px', borderBottom: '1px solid #eeeeef', verticalAlign: 'top', fontSize: 14 };

/** What moves, in words: «писем 30 (ещё 3 уже связаны с этой карточкой), документов 1, …». */
function movesText(counts: MergePreview['counts']): string {
  const parts = [
    counts.letters || counts.lettersLinkedToBoth
      ? `писем ${counts.letters}${counts.lettersLinkedToBoth ? ` (ещё ${counts.lettersLinkedToBoth} уже связаны с этой карточкой и останутся связаны один раз)` : ''}`
      : '',
    counts.documents ? `документов ${counts.documents}` : '',
    counts.resources ? `ресурсов ${counts.resources}` : '',
    counts.responsibilities ? `записей аутсорсинга ${counts.responsibilities}` : '',
    counts.branches ? `филиалов ${counts.branches}` : '',
    counts.egrulCheck === 'moves' ? 'сверка с ЕГРЮЛ' : '',
  ].filter(Boolean);
  const staying = counts.documentsStaying
    ? ` Документов того же вида, что уже есть у этой карточки, останется на объединённой: ${counts.documentsStaying}.`
    : '';
  return `${parts.length ? `Перейдёт к этой карточке: ${parts.join(', ')}.` : 'Переносить нечего.'}${staying}`;
}

/**
 * «Объединить с…» (issue 26): find the other card, choose each differing field's value (this card's by default, the
 * other's where this one is empty), see what moves, merge; then «Отменить объединение» right here.
 */
const OrganizationMerge: React.FC<ActionProps> = ({ record }) => {
  const keptId = String(record?.id ?? '');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: string; title: string }[]>([]);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ mergeId: number; mergedTitle: string; undone?: boolean } | null>(null);
  // from «Возможные дубли»: the other card comes in the address (?with=N)
  const withParam = new URLSearchParams(useLocation().search).get('with');

  useEffect(() => {
    if (withParam && /^[1-9][0-9]{0,9}$/.test(withParam) && withParam !== keptId) void choose(withParam);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [withParam, keptId]);

  useEffect(() => {
    const words = query.trim();
    if (words.length < 2) return setFound([]);
    const timer = window.setTimeout(() => {
      fetch(`/admin/api/resources/Organization/search/${encodeURIComponent(words)}`, { credentials: 'same-origin' })
        .then((response) => (response.ok ? response.json() : { records: [] }))
        .then((body: { records?: { id: string; title: string }[] }) => setFound((body.records ?? []).filter((r) => String(r.id) !== keptId).slice(0, 10)))
        .catch(() => setFound([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query, keptId]);

  const choose = async (id: string) => {
    setOtherId(id);
    setError(null);
    setPreview(null);
    try {
      const answer = await panelRequest<MergePreview>(`/admin/data/organizations/${keptId}/merge-preview?with=${encodeURIComponent(id)}`);
      if (!answer.ok) return setError(answer.body.message ?? 'Не удалось подготовить объединение.');
      setPreview(answer.body);
      setChoices(Object.fromEntries(answer.body.fields.map((f) => [f.field, f.choice as Choice])));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const merge = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await panelRequest<{ mergeId: number }>(`/admin/data/organizations/${keptId}/merge`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ with: Number(otherId), choices }),
      });
      if (!answer.ok) setError(answer.body.message ?? 'Объединение не выполнено.');
      else setDone({ mergeId: answer.body.mergeId, mergedTitle: preview.merged.title });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (!done) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await panelRequest<object>(`/admin/data/merges/${done.mergeId}/undo`, { method: 'POST' });
      if (!answer.ok) setError(answer.body.message ?? 'Объединение не отменено.');
      else setDone({ ...done, undone: true });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!record) return null;
  if (done) {
    return (
      <Box variant="white" data-testid="merge-done">
        {error ? <MessageBox variant="danger" mb="default" message={error} data-testid="merge-error" /> : null}
        {done.undone ? (
          <MessageBox
            variant="info"
            mb="default"
            message="Объединение отменено: обе карточки и все перенесённые записи — как были."
            data-testid="merge-undone"
          />
        ) : (
          <MessageBox
            variant="success"
            mb="default"
            message={`Карточка ${done.mergedTitle} объединена с этой. Запись об объединении — в истории обеих карточек.`}
          />
        )}
        <Box flex style={{ gap: 12 }}>
          <Link to={card(keptId)}>Открыть карточку</Link>
          {done.undone ? null : (
            <Button type="button" variant="outlined" size="sm" disabled={busy} onClick={undo} data-testid="merge-undo">
              Отменить объединение
            </Button>
          )}
        </Box>
      </Box>
    );
  }
  return (
    <Box variant="white" data-testid="organization-merge">
      <Text mb="default">
        Карточка, которая <strong>останется</strong>: {String(record.title)}. Другая станет недействующей со ссылкой на эту, всё связанное с ней перейдёт сюда;
        объединение можно отменить.
      </Text>
      <Label htmlFor="merge-other">С какой организацией объединить (наименование, ИНН или ОГРН)</Label>
      <Input id="merge-other" value={query} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)} width={1} autoComplete="off" />
      {found.length ? (
        <Box as="ul" mt="sm" mb="default" style={{ listStyle: 'none', padding: 0 }} data-testid="merge-candidates">
          {found.map((r) => (
            <li key={r.id}>
              <Button type="button" variant={r.id === otherId ? 'contained' : 'text'} size="sm" onClick={() => choose(String(r.id))}>
                {r.title}
              </Button>
            </li>
          ))}
        </Box>
      ) : null}
      {error ? <MessageBox variant="danger" my="default" message={error} data-testid="merge-error" /> : null}
      {preview ? (
        <Box mt="lg" data-testid="merge-preview">
          <Text mb="default">
            <Link to={`/admin/resources/Organization/records/${preview.merged.id}/mergeWith?with=${keptId}`}>Оставить другую карточку</Link>
            <span style={{ color: '#5c5e70' }}> — {preview.merged.title} останется, а эта станет недействующей</span>
          </Text>
          <H3 mb="default">Значения полей</H3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={{ ...cell, textAlign: 'left' }}>Поле</th>
                <th style={{ ...cell, textAlign: 'left' }}>Эта карточка</th>
                <th style={{ ...cell, textAlign: 'left' }}>{preview.merged.title}</th>
              </tr>
            </thead>
            <tbody>
              {preview.fields.map((f) => {
                const option = (value: Choice, text: React.ReactNode) => (
                  <label style={{ display: 'flex', gap: 6, alignItems: 'baseline', whiteSpace: 'pre-wrap' }}>
                    <input
                      type="radio"
                      name={`merge-${f.field}`}
                      value={value}
                      checked={choices[f.field] === value}
                      onChange={() => setChoices({ ...choices, [f.field]: value })}
                      disabled={!f.differs}
                    />
                    {text}
                  </label>
                );
                return (
                  <tr key={f.field} data-testid={`merge-field-${f.field}`} style={{ color: f.differs ? undefined : '#5c5e70' }}>
                    <td style={cell}>{f.label}</td>
                    <td style={cell}>{f.differs ? option('kept', f.keptText) : f.keptText}</td>
                    <td style={cell}>
                      {f.differs ? option('merged', f.mergedText) : 'то же'}
                      {f.differs && (f.field === 'contacts' || f.field === 'factual_address') ? option('joined', 'оба значения') : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Text mt="lg" data-testid="merge-moves">
            {movesText(preview.counts)}
          </Text>
          {preview.refusals.length ? <MessageBox variant="danger" my="default" message={preview.refusals.join(' ')} /> : null}
          <Button mt="lg" type="button" variant="contained" disabled={busy || preview.refusals.length > 0} onClick={merge} data-testid="merge-submit">
            Объединить
          </Button>
        </Box>
      ) : null}
    </Box>
  );
};

export default OrganizationMerge;
