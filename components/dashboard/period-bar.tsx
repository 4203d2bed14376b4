import React, { useEffect, useState } from 'react';
import { Box, Button, Link } from '@adminjs/design-system';
import { DATE_INPUT, formatDate } from '../engine/date-format';

/** What of the address the dashboard's figures depend on: the period and the document type. */
export const DASHBOARD_QUERY_KEYS = ['period', 'from', 'to', 'documentType'];

/** The part of the address the figures depend on. */
export const dashboardQueryOf = (search: URLSearchParams): URLSearchParams =>
  new URLSearchParams([...search.entries()].filter(([key]) => DASHBOARD_QUERY_KEYS.includes(key)));

const CHOICES: [string, string][] = [
  ['12m', '12 месяцев'],
  ['month', 'Месяц'],
  ['quarter', 'Квартал'],
  ['year', 'Год'],
  ['custom', 'Период'],
];

const control: React.CSSProperties = { height: 28, width: 96, border: '1px solid #c0c0ca', borderRadius: 4, padding: '0 6px', font: 'inherit', fontSize: 13 };

/** '31.12.2024' → '2024-12-31'; anything else is passed on as typed (the server names what is wrong). */
const isoOf = (typed: string) => {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(typed);
  return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : typed.trim();
};

/** A date typed as ДД.ММ.ГГГГ, with its label. */
const TypedDate: React.FC<{ id: string; label: string; value: string; onChange: (value: string) => void }> = ({ id, label, value, onChange }) => (
  <>
    <label htmlFor={id}>{label}</label>
    <input id={id} inputMode="numeric" placeholder={DATE_INPUT.placeholder} value={value} onChange={(e) => onChange(e.target.value)} style={control} required />
  </>
);

/**
 * The period of the lead's letters figures, kept in the address (`?period=quarter`, `?period=custom&from=…&to=…`),
 * so a view can be bookmarked and sent; with «Выгрузить отчёт» for the same period.
 */
export const PeriodBar: React.FC<{
  search: URLSearchParams;
  /** The period shown now (a custom period starts from it). */
  current: { from: string; to: string };
  label: string;
  error: string | null;
  onChange: (changes: Record<string, string | null>) => void;
}> = ({ search, current, label, error, onChange }) => {
  const kind = search.get('period') ?? '12m';
  // typed as the panel's dates are, ДД.ММ.ГГГГ; the address keeps ISO dates
  const [from, setFrom] = useState(formatDate(search.get('from') ?? ''));
  const [to, setTo] = useState(formatDate(search.get('to') ?? ''));
  useEffect(() => {
    setFrom(formatDate(search.get('from') ?? ''));
    setTo(formatDate(search.get('to') ?? ''));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.toString()]);
  const report = dashboardQueryOf(search);
  return (
    <Box bg="white" px="lg" py="default" m="sm" data-testid="period-bar" style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      <span style={{ fontSize: 13, color: '#454655' }}>Показатели писем за</span>
      <div role="radiogroup" aria-label="Период" style={{ display: 'flex', gap: 4 }}>
        {CHOICES.map(([value, text]) => (
          <Button
            key={value}
            type="button"
            size="sm"
            role="radio"
            aria-checked={kind === value}
            variant={kind === value ? 'contained' : 'outlined'}
            data-testid={`period-${value}`}
            onClick={() =>
              value === 'custom'
                ? onChange({ period: 'custom', from: current.from, to: current.to })
                : onChange({ period: value === '12m' ? null : value, from: null, to: null })
            }
          >
            {text}
          </Button>
        ))}
      </div>
      {kind === 'custom' ? (
        <form
          style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 13 }}
          onSubmit={(event) => {
            event.preventDefault();
            onChange({ period: 'custom', from: isoOf(from), to: isoOf(to) });
          }}
        >
          <TypedDate id="period-from" label="с" value={from} onChange={setFrom} />
          <TypedDate id="period-to" label="по" value={to} onChange={setTo} />
          <Button type="submit" size="sm" variant="outlined" data-testid="period-apply">
            Показать
          </Button>
        </form>
      ) : null}
      <span data-testid="period-label" style={{ fontSize: 13, color: '#5c5e70', whiteSpace: 'nowrap' }}>
        {label}
      </span>
      {error ? (
        <span role="alert" style={{ fontSize: 13, color: '#b00020' }}>
          {error}
        </span>
      ) : null}
      <span style={{ marginLeft: 'auto' }}>
        <Link href={`/admin/data/dashboard/report.xlsx?${report.toString()}`} data-testid="dashboard-report" download>
          Выгрузить отчёт
        </Link>
      </span>
    </Box>
  );
};
