import React from 'react';
import { Box, H5, Link } from '@adminjs/design-system';

interface LeadFiguresData {
  lettersByMonth: { month: string; incoming: number; outgoing: number }[];
  byDistrict: { okrugId: number; name: string; organizations: number; withAgreement: number }[];
  egrul: Record<'actual' | 'changed' | 'missing' | 'failed' | 'never', number>;
}

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const number = (n: number) => n.toLocaleString('ru-RU');
/** «янв 2026» for '2026-01'. */
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
/** The month's first and last day ('YYYY-MM-DD'), for a date filter. */
function monthBounds(month: string): [string, string] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/** A bar, dark or light (readable in greyscale), as wide as its share of the largest value; hidden from screen readers. */
const TONES = { dark: '#2a3590', light: '#9aa3e0', alert: '#b00020' } as const;
const Bar: React.FC<{ value: number; most: number; tone: keyof typeof TONES }> = ({ value, most, tone }) => (
  <div
    aria-hidden="true"
    style={{
      height: 10,
      width: `${(value / Math.max(1, most)) * 100}%`,
      minWidth: value ? 2 : 0,
      background: TONES[tone],
      borderRadius: 2,
    }}
  />
);

const cell: React.CSSProperties = { padding: '3px 8px 3px 0', whiteSpace: 'nowrap', verticalAlign: 'middle' };

/** A figure's number with its bar before it, the number a link to the list it counts when there is one (the dashboard's figures). */
export const BarCell: React.FC<{ value: number; most: number; tone: 'dark' | 'light' | 'alert'; href?: string; width?: string; testId?: string }> = ({
  value,
  most,
  tone,
  href,
  width,
  testId,
}) => (
  <td style={{ ...cell, width }}>
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <Bar value={value} most={most} tone={tone} />
      {href ? (
        <Link href={href} data-testid={testId}>
          {number(value)}
        </Link>
      ) : (
        <span data-testid={testId}>{number(value)}</span>
      )}
    </div>
  </td>
);

/**
 * The lead's figures (issue 25, in part): letters per month, organizations by federal district with the agreements
 * signed, the EGRUL check. Each figure is a table (the numbers for screen readers and copying) with bars beside the
 * numbers, and each number is a link to the list it counts, with that filter set.
 */
export const LeadFigures: React.FC<{ figures: LeadFiguresData }> = ({ figures }) => {
  const mostLetters = Math.max(...figures.lettersByMonth.flatMap((m) => [m.incoming, m.outgoing]));
  const mostOrganizations = Math.max(...figures.byDistrict.map((d) => d.organizations));
  const egrulTotal = Object.values(figures.egrul).reduce((a, b) => a + b, 0);
  const EGRUL: [keyof LeadFiguresData['egrul'], string][] = [
    ['actual', 'актуальна'],
    ['changed', 'есть изменения'],
    ['missing', 'нет в ЕГРЮЛ'],
    ['failed', 'не удалось проверить'],
    ['never', 'не сверялась'],
  ];
  return (
    <Box flex flexDirection="row" flexWrap="wrap">
      <Box variant="white" p="lg" m="sm" style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="figure-letters-by-month">
        <H5 mb="default">Письма по месяцам</H5>
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
          <caption style={{ textAlign: 'left', color: '#5c5e70', paddingBottom: 4 }}>
            за 12 месяцев, по дате регистрации: входящие (тёмные) и исходящие (светлые)
          </caption>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: 'left' }}>Месяц</th>
              <th style={{ ...cell, textAlign: 'left' }}>Входящие</th>
              <th style={{ ...cell, textAlign: 'left' }}>Исходящие</th>
            </tr>
          </thead>
          <tbody>
            {figures.lettersByMonth.map((m) => {
              const [from, to] = monthBounds(m.month);
              const link = (direction: string) =>
                `/admin/resources/Message?filters.direction=${direction}&filters.ourDate~~from=${from}&filters.ourDate~~to=${to}`;
              return (
                <tr key={m.month}>
                  <td style={cell}>{monthName(m.month)}</td>
                  <BarCell value={m.incoming} most={mostLetters} tone="dark" href={link('incoming')} width="40%" />
                  <BarCell value={m.outgoing} most={mostLetters} tone="light" href={link('outgoing')} width="40%" />
                </tr>
              );
            })}
          </tbody>
        </table>
      </Box>
      <Box variant="white" p="lg" m="sm" style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="figure-districts">
        <H5 mb="default">Организации по федеральным округам</H5>
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
          <caption style={{ textAlign: 'left', color: '#5c5e70', paddingBottom: 4 }}>действующие; из них с подписанным соглашением о сотрудничестве</caption>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: 'left' }}>Округ</th>
              <th style={{ ...cell, textAlign: 'left' }}>Организаций</th>
              <th style={{ ...cell, textAlign: 'left' }}>С соглашением</th>
            </tr>
          </thead>
          <tbody>
            {figures.byDistrict.map((d) => {
              const list = `/admin/resources/Organization?filters.okrugId=${d.okrugId}&filters.isActive=true`;
              return (
                <tr key={d.okrugId}>
                  <td style={{ ...cell, whiteSpace: 'normal' }}>{d.name}</td>
                  <BarCell value={d.organizations} most={mostOrganizations} tone="dark" href={list} width="35%" />
                  <td style={cell}>
                    <Link href={`${list}&filters.hasAgreement=true`} style={{ textDecoration: 'underline' }}>
                      {number(d.withAgreement)}
                    </Link>
                    {d.organizations ? ` (${Math.round((d.withAgreement / d.organizations) * 100)} %)` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Box>
      <Box variant="white" p="lg" m="sm" style={{ flex: '1 1 300px', minWidth: 0 }} data-testid="figure-egrul">
        <H5 mb="default">Сверка с ЕГРЮЛ</H5>
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
          <caption
            style={{ textAlign: 'left', color: '#5c5e70', paddingBottom: 4 }}
          >{`действующие организации по последней сверке, всего ${number(egrulTotal)}`}</caption>
          <tbody>
            {EGRUL.map(([status, label]) => (
              <tr key={status}>
                <td style={cell}>{label}</td>
                <BarCell
                  value={figures.egrul[status]}
                  most={Math.max(...Object.values(figures.egrul))}
                  tone="dark"
                  href={`/admin/resources/Organization?filters.egrulStatus=${status}&filters.isActive=true`}
                  width="50%"
                  testId={`egrul-${status}`}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Box>
  );
};
