import type { DataSource } from 'typeorm';
import { addDays } from '../domain/letter-status.js';

/** Letters registered in a month, by direction ('YYYY-MM'). */
export interface MonthLetters {
  month: string;
  incoming: number;
  outgoing: number;
}

export interface DistrictOrganizations {
  okrugId: number;
  name: string;
  organizations: number;
  withAgreement: number;
}

export interface LeadFigures {
  lettersByMonth: MonthLetters[];
  byDistrict: DistrictOrganizations[];
  /** Active organizations by their last EGRUL check: actual, changed, missing, failed, never. */
  egrul: Record<'actual' | 'changed' | 'missing' | 'failed' | 'never', number>;
}

/** The twelve months ending with `today`'s, oldest first ('YYYY-MM'). Pure. */
export function lastTwelveMonths(today: string): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The lead's figures for the dashboard (issue 25, item 2, in part), each one query: letters per month over the last
 * 12 months (by «наша дата», the our_date index), active organizations by federal district with those that have a
 * signed agreement, and active organizations by their last EGRUL check.
 */
export async function leadFigures(dataSource: DataSource, today: string): Promise<LeadFigures> {
  const months = lastTwelveMonths(today);
  const from = `${months[0]}-01`;
  const until = addDays(`${today.slice(0, 7)}-01`, 31).slice(0, 7) + '-01';
  const [letters, districts, checks] = await Promise.all([
    dataSource.query(
      `SELECT to_char(our_date, 'YYYY-MM') AS month, direction, count(*)::int AS n FROM messages
        WHERE our_date >= $1::date AND our_date < $2::date GROUP BY 1, 2`,
      [from, until],
    ) as Promise<{ month: string; direction: string; n: number }[]>,
    dataSource.query(
      `SELECT k.id AS "okrugId", k.name, count(o.id)::int AS organizations, count(o.id) FILTER (WHERE o.date_agreement IS NOT NULL)::int AS "withAgreement"
         FROM okrugs k LEFT JOIN regions r ON r.okrug_id = k.id LEFT JOIN organizations o ON o.region_id = r.id AND o.is_active
        GROUP BY k.id, k.name ORDER BY k.id`,
    ) as Promise<DistrictOrganizations[]>,
    dataSource.query(
      `SELECT coalesce(c.status, 'never') AS status, count(*)::int AS n FROM organizations o LEFT JOIN egrul_checks c ON c.organization_id = o.id
        WHERE o.is_active GROUP BY 1`,
    ) as Promise<{ status: string; n: number }[]>,
  ]);
  const egrul = { actual: 0, changed: 0, missing: 0, failed: 0, never: 0 };
  for (const row of checks) if (row.status in egrul) egrul[row.status as keyof typeof egrul] += row.n;
  return {
    lettersByMonth: months.map((month) => ({
      month,
      incoming: letters.find((l) => l.month === month && l.direction === 'incoming')?.n ?? 0,
      outgoing: letters.find((l) => l.month === month && l.direction === 'outgoing')?.n ?? 0,
    })),
    byDistrict: districts,
    egrul,
  };
}
