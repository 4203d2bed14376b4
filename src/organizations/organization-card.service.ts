import type { EntityManager } from 'typeorm';
import { letterStatusSql, statusRankSql } from '../letters/letter-status.service.js';
import type { CardLetter, CardOutsourcing, CardRelatedUnit, CardResource } from './card-data.js';

/** What the organization card shows under its fields (original-app.md §5.1.2): letters and active resources. */

/** A page of a card's letters: 20 rows, as a list page. */
export const CARD_LETTERS_PAGE = 20;

/** The card's «Переписка» can be sorted by these (the first is the default: newest first). */
export const CARD_LETTER_SORTS = ['ourDate', 'executor', 'dueDate', 'status'] as const;
export type CardLetterSort = (typeof CARD_LETTER_SORTS)[number];

/**
 * A page of the organization's letters with their executor, due date and answer status («today» given), and how many
 * there are: newest first by default (our date, then when entered), or by executor, due date or status (most urgent
 * first). The status is derived as in the letters list (src/domain/letter-status.ts).
 */
export async function organizationLetters(
  manager: EntityManager,
  organizationId: number,
  options: { today: string; page?: number; sort?: CardLetterSort; direction?: 'asc' | 'desc' },
): Promise<{ letters: CardLetter[]; total: number; page: number; perPage: number }> {
  const perPage = CARD_LETTERS_PAGE;
  const page = Math.max(1, Math.min(options.page ?? 1, 10_000));
  const sortSql: Record<CardLetterSort, string> = {
    ourDate: 'our_date',
    executor: 'executor_name',
    dueDate: 'due_date',
    status: statusRankSql('status'),
  };
  const sort = options.sort ?? 'ourDate';
  const direction = (options.direction ?? (sort === 'ourDate' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
  const rows: {
    id: number;
    direction: 'incoming' | 'outgoing';
    our_number: string | null;
    our_date: string | null;
    their_number: string | null;
    their_date: string | null;
    information: string;
    executor_name: string | null;
    due_date: string | null;
    status: CardLetter['status'];
    total: string;
  }[] = await manager.query(
    `SELECT * FROM (
       SELECT m.id, m.direction, m.our_number, to_char(m.our_date, 'YYYY-MM-DD') AS our_date, m.their_number,
              to_char(m.their_date, 'YYYY-MM-DD') AS their_date, left(m.information, 500) AS information,
              coalesce(nullif(u.display_name, ''), u.email) AS executor_name, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
              ${letterStatusSql('m', '$2::date')} AS status, m.created_at, count(*) OVER () AS total
         FROM organizations_messages om JOIN messages m ON m.id = om.message_id LEFT JOIN users u ON u.id = m.executor_id
        WHERE om.organization_id = $1) letters
      ORDER BY ${sortSql[sort]} ${direction} NULLS LAST, our_date DESC NULLS LAST, created_at DESC, id DESC
      LIMIT ${perPage} OFFSET $3`,
    [organizationId, options.today, (page - 1) * perPage],
  );
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    page,
    perPage,
    letters: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      ourNumber: r.our_number,
      ourDate: r.our_date,
      theirNumber: r.their_number,
      theirDate: r.their_date,
      information: r.information,
      executorName: r.executor_name,
      dueDate: r.due_date,
      status: r.status,
    })),
  };
}

/** The organization's resources that are not deleted, with their regions, by registration number and name. */
export async function organizationResources(manager: EntityManager, organizationId: number): Promise<CardResource[]> {
  const rows: { id: number; name: string; fstec_reg_number: string | null; category: number | null; is_okii: boolean; regions: string[] }[] =
    await manager.query(
      `SELECT r.id, r.name, r.fstec_reg_number, r.category, r.is_okii,
            coalesce(array_agg(g.name ORDER BY g.name) FILTER (WHERE g.id IS NOT NULL), '{}') AS regions
     FROM resources r
     LEFT JOIN resources_regions rr ON rr.resource_id = r.id
     LEFT JOIN regions g ON g.id = rr.region_id
     WHERE r.owner_id = $1 AND r.deleted_at IS NULL
     GROUP BY r.id
     ORDER BY r.fstec_reg_number NULLS LAST, r.name`,
      [organizationId],
    );
  return rows.map((r) => ({ id: r.id, name: r.name, fstecRegNumber: r.fstec_reg_number, category: r.category, isOkii: r.is_okii, regions: r.regions }));
}

const OUTSOURCING_SELECT = `
  SELECT s.id, s.organization_id AS provider_id, coalesce(p.short_name, p.full_name) AS provider_name,
         r.id AS resource_id, r.name AS resource_name, o.id AS owner_id, coalesce(o.short_name, o.full_name) AS owner_name,
         s.date_start, s.date_end, s.props
  FROM responsibilities s
  JOIN organizations p ON p.id = s.organization_id
  JOIN resources r ON r.id = s.resource_id AND r.deleted_at IS NULL
  JOIN organizations o ON o.id = r.owner_id`;

type OutsourcingRow = {
  id: number;
  provider_id: number;
  provider_name: string;
  resource_id: number;
  resource_name: string;
  owner_id: number;
  owner_name: string;
  date_start: string;
  date_end: string | null;
  props: string | null;
};
const toOutsourcing = (r: OutsourcingRow): CardOutsourcing => ({
  id: r.id,
  providerId: r.provider_id,
  providerName: r.provider_name,
  resourceId: r.resource_id,
  resourceName: r.resource_name,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  dateStart: r.date_start,
  dateEnd: r.date_end,
  props: r.props,
});

/** Outsourcing seen from an organization: what it provides to others, and who serves its own resources. */
export async function organizationOutsourcing(manager: EntityManager, organizationId: number): Promise<CardOutsourcing[]> {
  const rows: OutsourcingRow[] = await manager.query(
    `${OUTSOURCING_SELECT} WHERE s.organization_id = $1 OR r.owner_id = $1 ORDER BY s.date_start DESC, s.id DESC`,
    [organizationId],
  );
  return rows.map(toOutsourcing);
}

/** Who provides security services to a resource. */
export async function resourceOutsourcing(manager: EntityManager, resourceId: number): Promise<CardOutsourcing[]> {
  const rows: OutsourcingRow[] = await manager.query(`${OUTSOURCING_SELECT} WHERE s.resource_id = $1 ORDER BY s.date_start DESC, s.id DESC`, [resourceId]);
  return rows.map(toOutsourcing);
}

/** The organization's head (for a branch) and branches (for a head), as linked at import: head first, then by KPP. */
export async function organizationUnits(manager: EntityManager, organizationId: number): Promise<CardRelatedUnit[]> {
  const rows: { id: number; role: 'head' | 'branch'; name: string; kpp: string | null; is_active: boolean }[] = await manager.query(
    `SELECT h.id, 'head' AS role, coalesce(h.short_name, h.full_name) AS name, h.kpp, h.is_active
     FROM organizations o JOIN organizations h ON h.id = o.head_id WHERE o.id = $1
     UNION ALL
     SELECT b.id, 'branch', coalesce(b.short_name, b.full_name), b.kpp, b.is_active FROM organizations b WHERE b.head_id = $1
     ORDER BY 2 DESC, 4 NULLS FIRST, 1
     LIMIT 500`,
    [organizationId],
  );
  return rows.map((r) => ({ id: r.id, role: r.role, name: r.name, kpp: r.kpp, isActive: r.is_active }));
}

export interface CardSectionCounts {
  documents: number;
  letters: number;
  ownResources: number;
  outsourcing: number;
  units: number;
}

/** How many rows each section of an organization's card has (the card's section bar), in one query. */
export async function organizationSectionCounts(manager: EntityManager, organizationId: number): Promise<CardSectionCounts> {
  const [row] = await manager.query(
    `SELECT (SELECT count(*) FROM organization_documents WHERE organization_id = $1)::int AS documents,
            (SELECT count(*) FROM organizations_messages WHERE organization_id = $1)::int AS letters,
            (SELECT count(*) FROM resources WHERE owner_id = $1 AND deleted_at IS NULL)::int AS "ownResources",
            (SELECT count(*) FROM responsibilities s JOIN resources r ON r.id = s.resource_id AND r.deleted_at IS NULL
              WHERE s.organization_id = $1 OR r.owner_id = $1)::int AS outsourcing,
            (SELECT count(*) FROM organizations WHERE head_id = $1 OR id = (SELECT head_id FROM organizations WHERE id = $1))::int AS units`,
    [organizationId],
  );
  return row as CardSectionCounts;
}
