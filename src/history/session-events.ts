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
  await dataSource.query(
    `INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, details)
     VALUES ($1, $2, 'panel', $3, 'users', $4, $5, $6)`,
    [
      event.user?.id ?? null,
      (event.user?.name ?? event.email).slice(0, 300),
      event.action,
      event.user ? String(event.user.id) : null,
      event.user ? [`users:${event.user.id}`] : [],
      { email: event.email.slice(0, 254), address: event.address ?? null },
    ],
  );
}
