/**
 * A letter's answer status (src/domain/letter-status.ts) as SQL, for the letters' own queries and for other features'
 * (an organization's card): one expression, so the list's sort, the export and the card read the status alike.
 */

/** SQL: the letter `alias` has an answer (an outgoing letter whose «Основание» it is). */
export const answeredSql = (alias: string) => `EXISTS (SELECT 1 FROM messages reply WHERE reply.parent_id = ${alias}.id AND reply.direction = 'outgoing')`;

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
