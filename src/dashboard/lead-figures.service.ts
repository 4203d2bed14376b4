import type { DataSource } from 'typeorm';
import { ANSWER_DAYS_BANDS, executorNameSql, firstAnswerSql } from '../letters/letter-status.service.js';
import { monthStart, monthsOf, type Period } from './period.js';

/** Letters registered in a month, by direction ('YYYY-MM'); `from`/`to` the month's days inside the period. */
export interface MonthLetters {
  month: string;
  from: string;
  to: string;
  incoming: number;
  outgoing: number;
}

/** An executor's answers to the incoming letters registered in the period. */
export interface ExecutorAnswers {
  executorId: number | null;
  name: string;
  answered: number;
  /** The median of the days to the first answer. */
  medianDays: number;
  /** Answered after more than 10 days. */
  slow: number;
}

export interface DistrictOrganizations {
  okrugId: number;
  name: string;
  organizations: number;
  withAgreement: number;
}

export interface LeadFigures {
  period: Period;
  lettersByMonth: MonthLetters[];
  answerTimes: ExecutorAnswers[];
  byDistrict: DistrictOrganizations[];
  /** Active organizations in all. */
  activeOrganizations: number;
  /** Active organizations by their last EGRUL check: actual, changed, missing, failed, never. */
  egrul: Record<'actual' | 'changed' | 'missing' | 'failed' | 'never', number>;
  /** Resources (not deleted): the CII objects by significance category (null: not given), and those that are not CII. */
  resourcesByCategory: { category: number | null; count: number }[];
  notCii: number;
  /** Resources (not deleted) by industry, most first; a resource of several industries counts in each. */
  resourcesByIndustry: { industryId: number; name: string; count: number }[];
  /** Active organizations without a document of the chosen type (a «Устав» by default), with the types to choose from. */
  withoutDocument: { typeId: number | null; count: number; types: { id: number; name: string }[] };
}

/** The day before the first of the next month: a month's last day ('YYYY-MM' → 'YYYY-MM-DD'). Pure. */
function monthEnd(month: string): string {
  const next = new Date(Date.parse(`${monthStart(`${month}-01`, 1)}T00:00:00Z`) - 86_400_000);
  return next.toISOString().slice(0, 10);
}

/** A slow answer is what the letters' filter «дольше 10 дней» lists: the figure counts the rows its link opens. */
const SLOW_ANSWER = ANSWER_DAYS_BANDS.gt10 as { min: number };
export const SLOW_ANSWER_DAYS = SLOW_ANSWER.min - 1;

/**
 * The lead's figures for the dashboard (issue 25, item 2): letters per month over the period (from the days' counts
 * the database keeps), the median answer time per executor over the period (covering indexes), and from the counts
 * kept in `tallies`: active organizations by federal district with those that have a signed agreement, by their last
 * EGRUL check, without a document of a type; resources by CII category and by industry.
 */
export async function leadFigures(dataSource: DataSource, period: Period, documentTypeId: number | null): Promise<LeadFigures> {
  const months = monthsOf(period);
  const types: { id: number; name: string }[] = await dataSource.query(`SELECT id, name FROM org_adm_docs ORDER BY name LIMIT 200`);
  const typeId =
    (documentTypeId !== null && types.some((t) => t.id === documentTypeId) ? documentTypeId : null) ??
    types.find((t) => /^устав/i.test(t.name))?.id ??
    types[0]?.id ??
    null;
  const [letters, answers, okrugs, organizations, categories, industries] = await Promise.all([
    // the days' tallies kept by the database (migration DashboardFigures), not the letters themselves
    dataSource.query(
      `SELECT to_char(day, 'YYYY-MM') AS month, direction, sum(n)::int AS n FROM letter_day_counts
        WHERE day >= $1::date AND day <= $2::date GROUP BY 1, 2`,
      [period.from, period.to],
    ) as Promise<{ month: string; direction: string; n: number }[]>,
    // the period's incoming letters and their first answers, both from covering indexes
    dataSource.query(
      `SELECT a.executor_id AS "executorId", ${executorNameSql('u')} AS name,
              count(*)::int AS answered, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.days)::numeric, 1)::float AS "medianDays",
              count(*) FILTER (WHERE a.days >= ${SLOW_ANSWER.min})::int AS slow
         FROM (SELECT m.executor_id, f.answered - m.our_date AS days
                 FROM messages m CROSS JOIN LATERAL (SELECT ${firstAnswerSql('m')} AS answered) f
                WHERE m.direction = 'incoming' AND m.our_date >= $1::date AND m.our_date <= $2::date) a
         LEFT JOIN users u ON u.id = a.executor_id
        WHERE a.days IS NOT NULL
        GROUP BY a.executor_id, u.display_name, u.email
        ORDER BY 4 DESC, 2`,
      [period.from, period.to],
    ) as Promise<ExecutorAnswers[]>,
    dataSource.query(
      `SELECT k.id AS "okrugId", k.name, array_agg(r.id) AS regions FROM okrugs k LEFT JOIN regions r ON r.okrug_id = k.id GROUP BY k.id ORDER BY k.id`,
    ) as Promise<{ okrugId: number; name: string; regions: (number | null)[] }[]>,
    // counts kept by the database (migration DashboardFigures), each of one table; the checks and documents of the
    // few inactive organizations are subtracted (a partial index lists those organizations)
    dataSource.query(
      `SELECT figure, key, n::int AS n FROM tallies WHERE figure IN ('organizations', 'egrul') OR (figure = 'documents' AND key = $1::text)
        UNION ALL
       SELECT 'inactive-egrul', c.status, count(*)::int FROM organizations o JOIN egrul_checks c ON c.organization_id = o.id WHERE NOT o.is_active GROUP BY 2
        UNION ALL
       SELECT 'inactive-documents', d.org_adm_doc_id::text, count(*)::int FROM organizations o JOIN organization_documents d ON d.organization_id = o.id
        WHERE NOT o.is_active AND d.org_adm_doc_id = $2 GROUP BY 2`,
      [String(typeId ?? 0), typeId ?? 0],
    ) as Promise<{ figure: string; key: string; n: number }[]>,
    dataSource.query(
      `SELECT CASE WHEN is_okii THEN category END AS category, is_okii AS cii, count(*)::int AS count FROM resources
        WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 2 DESC, 1 NULLS LAST`,
    ) as Promise<{ category: number | null; cii: boolean; count: number }[]>,
    dataSource.query(
      `SELECT i.id AS "industryId", i.name, count(r.id)::int AS count
         FROM industries i JOIN resources_industries ri ON ri.industry_id = i.id JOIN resources r ON r.id = ri.resource_id AND r.deleted_at IS NULL
        GROUP BY i.id, i.name ORDER BY 3 DESC, 2 LIMIT 100`,
    ) as Promise<{ industryId: number; name: string; count: number }[]>,
  ]);
  const tally = (figure: string, key?: string) =>
    organizations.filter((row) => row.figure === figure && (key === undefined || row.key === key)).reduce((sum, row) => sum + row.n, 0);
  // the active organizations' key: '<region id>:<agreement signed>'
  const active = (region: number | null, agreed?: boolean) =>
    agreed === undefined
      ? tally('organizations', `${region ?? ''}:false`) + tally('organizations', `${region ?? ''}:true`)
      : tally('organizations', `${region ?? ''}:${agreed}`);
  const byDistrict = okrugs.map(({ okrugId, name, regions }) => ({
    okrugId,
    name,
    organizations: regions.reduce<number>((sum, region) => sum + (region === null ? 0 : active(region)), 0),
    withAgreement: regions.reduce<number>((sum, region) => sum + (region === null ? 0 : active(region, true)), 0),
  }));
  const activeOrganizations = tally('organizations');
  const checked = (status: string) => tally('egrul', status) - tally('inactive-egrul', status);
  const egrul = { actual: checked('actual'), changed: checked('changed'), missing: checked('missing'), failed: checked('failed'), never: 0 };
  egrul.never = activeOrganizations - egrul.actual - egrul.changed - egrul.missing - egrul.failed;
  return {
    period,
    lettersByMonth: months.map((month) => ({
      month,
      from: `${month}-01` < period.from ? period.from : `${month}-01`,
      to: monthEnd(month) > period.to ? period.to : monthEnd(month),
      incoming: letters.find((l) => l.month === month && l.direction === 'incoming')?.n ?? 0,
      outgoing: letters.find((l) => l.month === month && l.direction === 'outgoing')?.n ?? 0,
    })),
    answerTimes: answers,
    byDistrict,
    activeOrganizations,
    egrul,
    resourcesByCategory: categories.filter((c) => c.cii).map(({ category, count }) => ({ category, count })),
    notCii: categories.filter((c) => !c.cii).reduce((sum, c) => sum + c.count, 0),
    resourcesByIndustry: industries,
    withoutDocument: {
      typeId,
      count: typeId === null ? 0 : activeOrganizations - (tally('documents', String(typeId)) - tally('inactive-documents', String(typeId))),
      types,
    },
  };
}
