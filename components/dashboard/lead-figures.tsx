import React from 'react';
import { Box, H5, Link } from '@adminjs/design-system';
import type { LeadFigures as LeadFiguresData } from '../../src/dashboard/lead-figures.service';

export type { LeadFiguresData };

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const number = (n: number) => n.toLocaleString('ru-RU');
/** «янв 2026» for '2026-01'. */
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const CATEGORY_WORDS: Record<string, string> = { '0': 'без категории', '1': 'первая', '2': 'вторая', '3': 'третья' };

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
const head: React.CSSProperties = { ...cell, textAlign: 'left', fontWeight: 500 };
const tableStyle: React.CSSProperties = { width: '100%', borderCollapse: 'collapse', fontSize: 13 };
const captionStyle: React.CSSProperties = { textAlign: 'left', color: '#5c5e70', paddingBottom: 4 };

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

/** A figure's card: a heading, then its table. */
const Figure: React.FC<{ title: string; testId: string; basis?: string; children: React.ReactNode }> = ({ title, testId, basis = '420px', children }) => (
  <Box bg="white" px="lg" py="default" m="sm" style={{ flex: `1 1 ${basis}`, minWidth: 0 }} data-testid={testId}>
    <H5 mb="default">{title}</H5>
    {children}
  </Box>
);

const LETTERS = '/admin/resources/Message';
const ORGANIZATIONS = '/admin/resources/Organization';
const RESOURCES = '/admin/resources/Resource';

/**
 * The lead's figures (issue 25, item 2): letters per month and the answer times over the period, organizations by
 * federal district with the agreements signed, the EGRUL check, resources by CII category and by industry,
 * organizations without a document of a type. Each figure is a table (the numbers for screen readers and copying)
 * with bars beside the numbers, and each number is a link to the list it counts, with that filter set (its chips).
 */
export const LeadFigures: React.FC<{ figures: LeadFiguresData; onDocumentType: (id: string) => void }> = ({ figures, onDocumentType }) => {
  const { period } = figures;
  const inPeriod = `filters.ourDate~~from=${period.from}&filters.ourDate~~to=${period.to}`;
  const mostLetters = Math.max(...figures.lettersByMonth.flatMap((m) => [m.incoming, m.outgoing]));
  const mostAnswered = Math.max(1, ...figures.answerTimes.map((a) => a.answered));
  const mostOrganizations = Math.max(...figures.byDistrict.map((d) => d.organizations));
  const egrulTotal = Object.values(figures.egrul).reduce((a, b) => a + b, 0);
  const mostCategory = Math.max(figures.notCii, ...figures.resourcesByCategory.map((c) => c.count));
  const mostIndustry = Math.max(1, ...figures.resourcesByIndustry.map((i) => i.count));
  const EGRUL: [keyof LeadFiguresData['egrul'], string][] = [
    ['actual', 'актуальна'],
    ['changed', 'есть изменения'],
    ['missing', 'нет в ЕГРЮЛ'],
    ['failed', 'не удалось проверить'],
    ['never', 'не сверялась'],
  ];
  return (
    <Box flex flexDirection="row" flexWrap="wrap">
      <Figure title="Письма по месяцам" testId="figure-letters-by-month">
        <table style={tableStyle}>
          <caption style={captionStyle}>по дате регистрации: входящие (тёмные) и исходящие (светлые)</caption>
          <thead>
            <tr>
              <th style={head}>Месяц</th>
              <th style={head}>Входящие</th>
              <th style={head}>Исходящие</th>
            </tr>
          </thead>
          <tbody>
            {figures.lettersByMonth.map((m) => {
              const link = (direction: string) => `${LETTERS}?filters.direction=${direction}&filters.ourDate~~from=${m.from}&filters.ourDate~~to=${m.to}`;
              return (
                <tr key={m.month}>
                  <td style={cell}>{monthName(m.month)}</td>
                  <BarCell value={m.incoming} most={mostLetters} tone="dark" href={link('incoming')} width="40%" testId={`month-${m.month}-incoming`} />
                  <BarCell value={m.outgoing} most={mostLetters} tone="light" href={link('outgoing')} width="40%" />
                </tr>
              );
            })}
          </tbody>
        </table>
      </Figure>
      <Figure title="Время ответа по исполнителям" testId="figure-answer-times">
        <table style={tableStyle}>
          <caption style={captionStyle}>входящие за период, получившие ответ: дней до первого ответа</caption>
          <thead>
            <tr>
              <th style={head}>Исполнитель</th>
              <th style={head}>Ответов</th>
              <th style={head}>Медиана, дней</th>
              <th style={head}>Дольше 10 дней</th>
            </tr>
          </thead>
          <tbody>
            {figures.answerTimes.length === 0 ? (
              <tr>
                <td style={{ ...cell, color: '#5c5e70' }} colSpan={4}>
                  За период ответов нет.
                </td>
              </tr>
            ) : null}
            {figures.answerTimes.map((a) => {
              const who = a.executorId ? `filters.executorId=${a.executorId}` : 'filters.withoutExecutor=true';
              const list = `${LETTERS}?${who}&filters.status=answered&${inPeriod}`;
              return (
                <tr key={a.executorId ?? 'none'} data-testid="answer-times-row">
                  <td style={{ ...cell, maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }} title={a.name}>
                    {a.name}
                  </td>
                  <BarCell value={a.answered} most={mostAnswered} tone="dark" href={list} width="30%" />
                  <td style={cell}>{a.medianDays.toLocaleString('ru-RU')}</td>
                  <td style={cell}>{a.slow ? <Link href={`${list}&filters.answerDays=gt10`}>{number(a.slow)}</Link> : number(a.slow)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Figure>
      <Figure title="Организации по федеральным округам" testId="figure-districts">
        <table style={tableStyle}>
          <caption style={captionStyle}>действующие; из них с подписанным соглашением о сотрудничестве</caption>
          <thead>
            <tr>
              <th style={head}>Округ</th>
              <th style={head}>Организаций</th>
              <th style={head}>С соглашением</th>
            </tr>
          </thead>
          <tbody>
            {figures.byDistrict.map((d) => {
              const list = `${ORGANIZATIONS}?filters.okrugId=${d.okrugId}&filters.isActive=true`;
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
      </Figure>
      <Figure title="Сверка с ЕГРЮЛ" testId="figure-egrul" basis="300px">
        <table style={tableStyle}>
          <caption style={captionStyle}>{`действующие организации по последней сверке, всего ${number(egrulTotal)}`}</caption>
          <tbody>
            {EGRUL.map(([status, label]) => (
              <tr key={status}>
                <td style={cell}>{label}</td>
                <BarCell
                  value={figures.egrul[status]}
                  most={Math.max(...Object.values(figures.egrul))}
                  tone="dark"
                  href={`${ORGANIZATIONS}?filters.egrulStatus=${status}&filters.isActive=true`}
                  width="50%"
                  testId={`egrul-${status}`}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <Figure title="Ресурсы: категории значимости КИИ" testId="figure-cii" basis="300px">
        <table style={tableStyle}>
          <caption style={captionStyle}>объекты КИИ по категории; ресурсы, не являющиеся объектами КИИ</caption>
          <tbody>
            {figures.resourcesByCategory.map((c) => (
              <tr key={String(c.category)}>
                <td style={cell}>{c.category === null ? 'категория не указана' : `${CATEGORY_WORDS[String(c.category)] ?? c.category}`}</td>
                <BarCell
                  value={c.count}
                  most={mostCategory}
                  tone="dark"
                  href={c.category === null ? undefined : `${RESOURCES}?filters.isOkii=true&filters.category=${c.category}`}
                  width="50%"
                  testId={`cii-${c.category ?? 'none'}`}
                />
              </tr>
            ))}
            <tr>
              <td style={cell}>не объекты КИИ</td>
              <BarCell value={figures.notCii} most={mostCategory} tone="light" href={`${RESOURCES}?filters.isOkii=false`} width="50%" testId="cii-not" />
            </tr>
          </tbody>
        </table>
      </Figure>
      <Figure title="Ресурсы по сферам деятельности" testId="figure-industries" basis="300px">
        <table style={tableStyle}>
          <caption style={captionStyle}>ресурс нескольких сфер считается в каждой</caption>
          <tbody>
            {figures.resourcesByIndustry.length === 0 ? (
              <tr>
                <td style={{ ...cell, color: '#5c5e70' }}>Ресурсов со сферой нет.</td>
              </tr>
            ) : null}
            {figures.resourcesByIndustry.map((i) => (
              <tr key={i.industryId}>
                <td style={{ ...cell, maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }} title={i.name}>
                  {i.name}
                </td>
                <BarCell value={i.count} most={mostIndustry} tone="dark" href={`${RESOURCES}?filters.industries=${i.industryId}`} width="45%" />
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <Figure title="Организации без документа" testId="figure-without-document" basis="300px">
        {figures.withoutDocument.typeId === null ? (
          <span style={{ color: '#5c5e70', fontSize: 13 }}>Видов документов в справочнике нет.</span>
        ) : (
          <Box flex flexDirection="row" style={{ alignItems: 'center', gap: 8, flexWrap: 'wrap', fontSize: 13 }}>
            <label htmlFor="without-document-type">Вид документа</label>
            <select
              id="without-document-type"
              value={String(figures.withoutDocument.typeId)}
              onChange={(event) => onDocumentType(event.target.value)}
              style={{ height: 28, maxWidth: 200, border: '1px solid #c0c0ca', borderRadius: 4, font: 'inherit' }}
            >
              {figures.withoutDocument.types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <span>
              {'нет у '}
              <Link
                href={`${ORGANIZATIONS}?filters.missingDocumentTypes=${figures.withoutDocument.typeId}&filters.isActive=true`}
                data-testid="without-document-count"
              >
                {number(figures.withoutDocument.count)}
              </Link>
              {' действующих'}
            </span>
          </Box>
        )}
      </Figure>
    </Box>
  );
};
