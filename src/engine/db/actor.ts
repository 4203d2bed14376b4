import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';

/**
 * Who is writing, for the change history. The database's triggers read it from the transaction-local setting
 * `cert.actor`, which the application sets at the start of each of its transactions (see ActorSubscriber and
 * setActor); a write without it is recorded with the database user and the client's application name.
 */
export interface Actor {
  /** The panel user's id. */
  id?: number;
  /** A person's name and email, or the OS user for the CLI. */
  name: string;
  source: 'panel' | 'egrul' | 'cli' | 'server';
  /** The CLI's command line. */
  command?: string;
  /** The client's address. */
  address?: string;
  /** The EGRUL service the data came from. */
  egrul?: string;
  /** Values taken from a check against EGRUL: when that check was made (ISO). */
  egrulCheck?: string;
  /** A restore from the journal: the entry restored. */
  restoredFrom?: string;
  /** Marks the inserts of a restore as «Восстановление». */
  restoring?: boolean;
}

const current = new AsyncLocalStorage<Actor>();

/** Runs `body` with `actor` as the author of every write it makes (through the application's transactions). */
export const runAs = <T>(actor: Actor, body: () => T): T => current.run(actor, body);

export const currentActor = (): Actor | undefined => current.getStore();

/** The setting's value: names and commands are cut, nothing else of the process leaks into the history. */
export function actorSetting(actor: Actor): string {
  return JSON.stringify({ ...actor, name: actor.name.slice(0, 300), command: actor.command?.slice(0, 500) });
}

/** Sets the current actor for the rest of a transaction already begun on `client` (a pg client or query runner). */
export async function setActor(client: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, actor = currentActor()): Promise<void> {
  if (actor) await client.query(`SELECT set_config('cert.actor', $1, true)`, [actorSetting(actor)]);
}

/** The CLI's author: the OS user and the command line (passwords are read from stdin, never from arguments). */
export function commandLineActor(argv: string[], env: Record<string, string | undefined>): Actor {
  let user = env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's arbitrary uid): $USER or «unknown»
  }
  // a database address in the arguments (cert import legacy --from …) is recorded without its password
  const command = ['cert', ...argv].join(' ').replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/g, '$1:***@');
  return { name: `${user} (ОС)`, source: 'cli', command };
}
