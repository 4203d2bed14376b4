/**
 * A letter's answer status (src/domain/letter-status.ts) as SQL, for the letters' own queries and for other features'
 * (an organization's card): one expression, so the list's sort, the export and the card read the status alike.
 */

/** SQL: the letter `alias` has an answer (an outgoing letter whose «Основание» it is). */
export const answeredSql = (alias: string) => `EXISTS (SELECT 1 FROM messages reply WHERE reply.parent_id = ${alias}.id AND reply.direction = 'outgoing')`;

/** SQL: the incoming letter `alias` still awaits its answer (overdue or waiting, whatever its due date). */
export const awaitingAnswerSql = (alias: string) => `${alias}.direction = 'incoming' AND NOT ${answeredSql(alias)}`;

/** SQL: an executor's name as the dashboard and its report show it, the user `alias` (LEFT JOINed), «без исполнителя» for none. */
export const executorNameSql = (alias: string) => `coalesce(nullif(${alias}.display_name, ''), ${alias}.email, 'без исполнителя')`;

/** A value as an SQL string literal (the registry's time zone, validated by the config). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** «Today» in the registry's time zone, as an SQL date. */
export const todaySql = (timeZone: string) => `(now() AT TIME ZONE ${literal(timeZone)})::date`;

/**
 * SQL: the letter `alias`'s status, 'answered', 'overdue' or 'waiting', or NULL (an outgoing letter, an incoming one
 * that expects no answer); `today` is an SQL date.
 */
export const letterStatusSql = (alias: string, today: string) =>
  `CASE WHEN ${alias}.direction <> 'incoming' THEN NULL WHEN ${answeredSql(alias)} THEN 'answered' ` +
  `WHEN ${alias}.due_date IS NULL THEN NULL WHEN ${alias}.due_date < ${today} THEN 'overdue' ELSE 'waiting' END`;

/** SQL: a status (of letterStatusSql) as a rank, the most urgent first: overdue, waiting, answered, none. */
export const statusRankSql = (status: string) => `CASE ${status} WHEN 'overdue' THEN 1 WHEN 'waiting' THEN 2 WHEN 'answered' THEN 3 ELSE 4 END`;

/**
 * SQL: the days from the incoming letter `alias`'s registration to its first answer's (the earliest outgoing letter
 * whose «Основание» it is), or NULL when it has none: the dashboard's answer time and the list's «Время ответа» filter.
 */
export const answerDaysSql = (alias: string) => `(${firstAnswerSql(alias)} - ${alias}.our_date)`;

/** SQL: the date of the first answer to the letter `alias` (a subquery; the answers' covering index serves it), or NULL. */
export const firstAnswerSql = (alias: string) =>
  `(SELECT min(reply.our_date) FROM messages reply WHERE reply.parent_id = ${alias}.id AND reply.direction = 'outgoing')`;

/** «Время ответа» filter's values: bands of the days to the first answer. */
export const ANSWER_DAYS_BANDS: Record<string, { label: string; min?: number; max?: number }> = {
  le3: { label: 'не дольше 3 дней', max: 3 },
  le10: { label: 'не дольше 10 дней', max: 10 },
  gt10: { label: 'дольше 10 дней', min: 11 },
  gt30: { label: 'дольше 30 дней', min: 31 },
};
