import { CII_CATEGORY_LABELS } from '../domain/cii-category.js';
import type { ReportSheet } from '../engine/export/workbook.js';
import type { LeadFigures } from './lead-figures.service.js';
import { SLOW_ANSWER_DAYS } from './lead-figures.service.js';

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
/** «янв 2026» for '2026-01'. Pure. */
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const EGRUL_WORDS: [keyof LeadFigures['egrul'], string][] = [
  ['actual', 'актуальна'],
  ['changed', 'есть изменения'],
  ['missing', 'нет в ЕГРЮЛ'],
  ['failed', 'не удалось проверить'],
  ['never', 'не сверялась'],
];

const text = (value: string) => ({ text: value, kind: 'text' as const });
const number = (value: number) => ({ text: String(value), kind: 'number' as const });

/**
 * The dashboard's figures as the monthly report's sheets (issue 25, item 6), one per figure, in the page's order,
 * the period on the first. Pure.
 */
export function dashboardReportSheets(figures: LeadFigures, teamOverdue: { name: string; count: number }[], today: string): ReportSheet[] {
  const documentType = figures.withoutDocument.types.find((t) => t.id === figures.withoutDocument.typeId)?.name ?? '—';
  return [
    {
      name: 'Просрочено',
      header: ['Исполнитель', `Просрочено на ${today.split('-').reverse().join('.')}`],
      rows: teamOverdue.map((row) => [text(row.name), number(row.count)]),
    },
    {
      name: 'Время ответа',
      header: ['Исполнитель', 'Ответов', 'Медиана, дней', `Дольше ${SLOW_ANSWER_DAYS} дней`, 'Период'],
      rows: figures.answerTimes.map((row) => [text(row.name), number(row.answered), number(row.medianDays), number(row.slow), text(figures.period.label)]),
    },
    {
      name: 'Письма по месяцам',
      header: ['Месяц', 'Входящие', 'Исходящие', 'Период'],
      rows: figures.lettersByMonth.map((m) => [text(monthName(m.month)), number(m.incoming), number(m.outgoing), text(figures.period.label)]),
    },
    {
      name: 'Федеральные округа',
      header: ['Округ', 'Организаций', 'С соглашением', 'Доля с соглашением, %'],
      rows: figures.byDistrict.map((d) => [
        text(d.name),
        number(d.organizations),
        number(d.withAgreement),
        number(d.organizations ? Math.round((d.withAgreement / d.organizations) * 100) : 0),
      ]),
    },
    {
      name: 'Сверка с ЕГРЮЛ',
      header: ['Результат последней сверки', 'Организаций'],
      rows: EGRUL_WORDS.map(([status, label]) => [text(label), number(figures.egrul[status])]),
    },
    {
      name: 'Ресурсы КИИ',
      header: ['Категория значимости', 'Ресурсов'],
      rows: [
        ...figures.resourcesByCategory.map((c) => [
          text(c.category === null ? 'Не указана' : (CII_CATEGORY_LABELS[String(c.category)] ?? String(c.category))),
          number(c.count),
        ]),
        [text('Не объекты КИИ'), number(figures.notCii)],
      ],
    },
    {
      name: 'Ресурсы по сферам',
      header: ['Сфера', 'Ресурсов'],
      rows: figures.resourcesByIndustry.map((i) => [text(i.name), number(i.count)]),
    },
    {
      name: 'Без документа',
      header: ['Вид документа', 'Действующих организаций без него'],
      rows: [[text(documentType), number(figures.withoutDocument.count)]],
    },
  ];
}
