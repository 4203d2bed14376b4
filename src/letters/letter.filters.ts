import { todayIn } from '../domain/organization.js';
import { joinedDigitGroups, registrationNumberQuery } from '../domain/search-text.js';
import type { VirtualFilter } from '../engine/admin/adapter/filter-sql.js';
import { ANSWER_DAYS_BANDS, answerDaysSql, answeredSql, awaitingAnswerSql, letterStatusSql, statusRankSql, todaySql } from './letter-status.service.js';
import { digitPrefix, textSearch } from '../engine/admin/adapter/search-sql.js';

const NUMBER_KEYS = ['registration_number_key("e"."our_number")', 'registration_number_key("e"."their_number")'];

/**
 * Letters' search box (its words and numbers are those of the letter and of its organizations, see
 * migration 1795816302831):
 * - a registration number («ИСХ-1234», «161-10-11/22», «вх 15») is matched as a whole, ours or the sender's, case,
 *   spaces and punctuation ignored: exactly, then as the start of a longer number (never in the middle: «ИСХ-1234»
 *   does not find «ИСХ-631234»); digits alone also find the letters of an organization whose INN starts with them;
 * - words must each occur in the letter (numbers, text) or in the name of one of its organizations.
 */
export const messageSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  cappedCount: true,
  where(value, bind, context) {
    const key = registrationNumberQuery(value);
    if (key) {
      const prefix = bind(`${key}%`);
      const digits = joinedDigitGroups(value) ?? (/^\s*\d+\s*$/.test(value) ? value.trim() : null);
      if (digits && digits.length >= 4) {
        // the letters numbered so, and those of the organizations whose INN starts with the digits: one index each,
        // joined (an OR with the organizations' subquery made PostgreSQL compute both keys of every letter)
        return (
          `"e"."id" IN (SELECT m.id FROM messages m WHERE ${NUMBER_KEYS[0]!.replace('"e"', 'm')} LIKE ${prefix}` +
          ` UNION ALL SELECT m.id FROM messages m WHERE ${NUMBER_KEYS[1]!.replace('"e"', 'm')} LIKE ${prefix}` +
          ` UNION ALL SELECT om.message_id FROM organizations_messages om JOIN organizations o ON o.id = om.organization_id WHERE ${digitPrefix('o.inn', digits, bind)})`
        );
      }
      // a number with letters: both keys' indexes, OR-ed by a bitmap
      return `(${NUMBER_KEYS.map((column) => `${column} LIKE ${prefix}`).join(' OR ')})`;
    }
    // words: the letter's search text holds its organizations' names and INNs too (migration 1795816302831)
    return textSearch.where(value, bind, context);
  },
  first(value, bind) {
    const key = registrationNumberQuery(value);
    return key ? `(${NUMBER_KEYS.map((column) => `${column} = ${bind(key)}`).join(' OR ')})` : null;
  },
};

/** «Статус ответа»: the derived status of src/domain/letter-status.ts as SQL, «today» in the registry's time zone. */
export const letterStatusFilter: VirtualFilter = {
  path: 'status',
  type: 'string',
  where(value, bind, { timeZone }) {
    const today = bind(todayIn(timeZone));
    const open = awaitingAnswerSql('"e"');
    if (value === 'answered') return `"e"."direction" = 'incoming' AND ${answeredSql('"e"')}`;
    if (value === 'overdue') return `${open} AND "e"."due_date" < ${today}::date`;
    if (value === 'waiting') return `${open} AND "e"."due_date" >= ${today}::date`;
    return 'false';
  },
};

/** «Время ответа»: incoming letters answered within a band of days (the dashboard's answer times lead here). */
export const answerDaysFilter: VirtualFilter = {
  path: 'answerDays',
  type: 'string',
  where(value, bind) {
    const band = ANSWER_DAYS_BANDS[value];
    if (!band) return 'false';
    const days = answerDaysSql('"e"');
    return [
      `"e"."direction" = 'incoming'`,
      band.min !== undefined ? `${days} >= ${bind(band.min)}` : `${days} IS NOT NULL`,
      ...(band.max !== undefined ? [`${days} <= ${bind(band.max)}`] : []),
    ].join(' AND ');
  },
};

/** «Без исполнителя»: letters nobody is assigned to (the dashboard's «без исполнителя» rows lead here). */
export const withoutExecutorFilter: VirtualFilter = {
  path: 'withoutExecutor',
  type: 'boolean',
  where: (value) => (value === 'true' ? `"e"."executor_id" IS NULL` : value === 'false' ? `"e"."executor_id" IS NOT NULL` : null),
};

/** Letters: the search box, and the register's filters (issue 15; the answer time and «без исполнителя», issue 25). */
export const messageFilters: VirtualFilter[] = [messageSearch, letterStatusFilter, answerDaysFilter, withoutExecutorFilter];

/**
 * The letters list sorted by what is not one column: the executor by name, the organizations by the first one's
 * name, the status by urgency (просрочено, ждёт ответа, отвечено, then letters that expect no answer).
 */
export const letterSortExpressions: Record<string, (context: { timeZone: string }) => string> = {
  executorId: () => `(SELECT u.display_name FROM users u WHERE u.id = "e"."executor_id")`,
  organizations: () =>
    `(SELECT min(COALESCE(NULLIF(o.short_name, ''), o.full_name)) FROM organizations_messages om JOIN organizations o ON o.id = om.organization_id WHERE om.message_id = "e"."id")`,
  status: ({ timeZone }) => statusRankSql(letterStatusSql('"e"', todaySql(timeZone))),
};
