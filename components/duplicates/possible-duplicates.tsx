import React, { useEffect, useState } from 'react';
import { Box, Button, Label, MessageBox, Text } from '@adminjs/design-system';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { DUPLICATE_REASONS, isDuplicateReason, type DuplicateReason } from '../../src/domain/duplicate-reasons';
import type { DuplicateCard, DuplicatePair, DuplicatesPage } from '../../src/duplicates/possible-duplicates.service';
import { panelRequest } from '../engine/panel-request';

const cell: React.CSSProperties = { padding: '8px 10px', borderBottom: '1px solid #eeeeef', verticalAlign: 'top', fontSize: 14 };
const muted: React.CSSProperties = { color: '#5c5e70', fontSize: 13 };
const card = (id: number) => `/admin/resources/Organization/records/${id}/show`;
const pairKey = (pair: DuplicatePair) => `${pair.kept.id}-${pair.other.id}`;

function CardCell({ value }: { value: DuplicateCard }) {
  const requisites = [
    value.inn ? `ИНН ${value.inn}` : 'ИНН не указан',
    value.kpp ? `КПП ${value.kpp}` : 'КПП не указан',
    value.ogrn ? `ОГРН ${value.ogrn}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <td style={cell}>
      <Link to={card(value.id)}>{value.title}</Link>
      {value.isActive ? null : <span style={{ ...muted, marginLeft: 6 }}>(недействующая)</span>}
      <div style={muted}>{requisites}</div>
      <div style={muted}>{value.region ?? 'регион не указан'}</div>
      <div style={muted}>
        <span style={{ whiteSpace: 'nowrap' }}>писем {value.letters}</span> · <span style={{ whiteSpace: 'nowrap' }}>документов {value.documents}</span>
      </div>
    </td>
  );
}

/**
 * «Возможные дубли» (issue 26, admins): pairs of cards that may be one organization, each with its reasons; «Объединить…»
 * opens the merge with both cards chosen (the suggested card to keep first), «Не дубль» hides the pair for good (and
 * can be taken back while the page is open). The reason and the page are in the address.
 */
const PossibleDuplicates: React.FC = () => {
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const reasonParam = params.get('reason');
  const reason: DuplicateReason | null = isDuplicateReason(reasonParam) ? reasonParam : null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [answer, setAnswer] = useState<DuplicatesPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setError(null);
    const query = new URLSearchParams({ ...(reason ? { reason } : {}), page: String(page) });
    panelRequest<DuplicatesPage>(`/admin/data/duplicates?${query.toString()}`)
      .then((result) => {
        if (!current) return;
        if (result.ok) setAnswer(result.body);
        else setError(result.body.message ?? 'Список не получен.');
      })
      .catch((failure: Error) => current && setError(failure.message));
    return () => {
      current = false;
    };
  }, [reason, page]);

  const go = (next: { reason?: DuplicateReason | null; page?: number }) => {
    const query = new URLSearchParams();
    const nextReason = next.reason === undefined ? reason : next.reason;
    if (nextReason) query.set('reason', nextReason);
    const nextPage = next.page ?? 1;
    if (nextPage > 1) query.set('page', String(nextPage));
    navigate({ pathname: location.pathname, search: query.toString() ? `?${query.toString()}` : '' });
  };

  const mark = async (pair: DuplicatePair, notDuplicate: boolean) => {
    const key = pairKey(pair);
    setBusy(key);
    setError(null);
    try {
      const result = await panelRequest<{ dismissed: boolean }>(`/admin/data/duplicates/dismissals${notDuplicate ? '' : '/remove'}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ first: pair.kept.id, second: pair.other.id }),
      });
      if (!result.ok) return setError(result.body.message ?? 'Отметка не сохранена.');
      const next = new Set(dismissed);
      if (notDuplicate) next.add(key);
      else next.delete(key);
      setDismissed(next);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const pages = answer ? Math.max(1, Math.ceil(answer.total / answer.perPage)) : 1;
  return (
    <Box variant="white" data-testid="possible-duplicates">
      <Box flex style={{ gap: 16, alignItems: 'flex-end', flexWrap: 'wrap' }} mb="default">
        <Box>
          <Label htmlFor="duplicates-reason">Причина</Label>
          <select
            id="duplicates-reason"
            value={reason ?? ''}
            onChange={(e) => go({ reason: isDuplicateReason(e.target.value) ? e.target.value : null })}
            style={{ height: 36, padding: '0 8px', fontSize: 14, border: '1px solid #c0c0ca', borderRadius: 4, background: '#fff' }}
          >
            <option value="">все причины</option>
            {Object.entries(DUPLICATE_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Box>
        <Text data-testid="duplicates-total" style={{ paddingBottom: 8 }}>
          {answer ? `Пар: ${answer.total.toLocaleString('ru-RU')}` : error ? '' : 'Ищем пары…'}
        </Text>
      </Box>
      {error ? <MessageBox variant="danger" mb="default" message={error} data-testid="duplicates-error" /> : null}
      {answer && answer.total === 0 ? <Text>Возможных дублей нет: ни одно правило не нашло пар (кроме отмеченных «не дубль»).</Text> : null}
      {answer && answer.pairs.length ? (
        <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: 'left', width: '31%' }}>Оставить</th>
              <th style={{ ...cell, textAlign: 'left', width: '31%' }}>Объединить с ней</th>
              <th style={{ ...cell, textAlign: 'left' }}>Почему</th>
              <th style={{ ...cell, textAlign: 'left', width: 120 }} aria-label="Действия" />
            </tr>
          </thead>
          <tbody>
            {answer.pairs.map((pair) => {
              const key = pairKey(pair);
              const isDismissed = dismissed.has(key);
              return (
                <tr key={key} data-testid={`duplicate-pair-${key}`} style={isDismissed ? { opacity: 0.55 } : undefined}>
                  <CardCell value={pair.kept} />
                  <CardCell value={pair.other} />
                  <td style={cell}>
                    {pair.reasons.map((r) => (
                      <div key={r}>
                        {DUPLICATE_REASONS[r]}
                        {r === 'name' && pair.similarity !== null && pair.similarity < 1 ? ` (сходство ${pair.similarity.toLocaleString('ru-RU')})` : ''}
                      </div>
                    ))}
                  </td>
                  <td style={cell}>
                    {isDismissed ? (
                      <>
                        <div style={muted}>Отмечено: не дубль</div>
                        <Button type="button" variant="text" size="sm" disabled={busy === key} onClick={() => mark(pair, false)}>
                          Вернуть
                        </Button>
                      </>
                    ) : (
                      <>
                        <div>
                          <Link to={`/admin/resources/Organization/records/${pair.kept.id}/mergeWith?with=${pair.other.id}`}>Объединить…</Link>
                        </div>
                        <Button type="button" variant="text" size="sm" disabled={busy === key} onClick={() => mark(pair, true)} style={{ paddingLeft: 0 }}>
                          Не дубль
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {answer && pages > 1 ? (
        <Box flex style={{ gap: 12, alignItems: 'center' }} mt="lg">
          <Button type="button" variant="outlined" size="sm" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
            Назад
          </Button>
          <Text>
            Страница {page} из {pages.toLocaleString('ru-RU')}
          </Text>
          <Button type="button" variant="outlined" size="sm" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
            Дальше
          </Button>
        </Box>
      ) : null}
    </Box>
  );
};

export default PossibleDuplicates;
