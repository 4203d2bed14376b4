import type { DataSource } from 'typeorm';

export interface SessionEvent {
  action: 'login' | 'login_failed' | 'logout';
  /** The user, when known (a failed login for an unknown email has none). */
  user?: { id: number; name: string };
  /** The email typed (a failed login) or the user's. */
  email: string;
  /** The client's address. */
  address: string | undefined;
}

/** Logins (successful or not) and logouts, in the change history's journal. */
export async function recordSessionEvent(dataSource: DataSource, event: SessionEvent): Promise<void> {
  // through the history's own function: the panel's database role may not insert into audit_log
  await dataSource.query(`SELECT audit_session_event($1, $2, $3, $4)`, [
    event.action,
    event.user?.id ?? null,
    (event.user?.name ?? event.email).slice(0, 300),
    { email: event.email.slice(0, 254), address: event.address ?? null },
  ]);
}
