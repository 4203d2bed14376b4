/**
 * What an operator reads when PostgreSQL cannot be used: a Russian sentence that says what is wrong and what to do,
 * instead of a stack trace. Pure: it reads only the error's `code`, `message`, `address`, `port` and `hostname`
 * (set by pg and by Node's net module), also when the error is wrapped (TypeORM's `driverError`, an `AggregateError`
 * of the IPv4 and IPv6 attempts, a `cause`).
 */
interface ErrorFields {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  driverError?: unknown;
  errors?: unknown;
  cause?: unknown;
}

const MIGRATE = 'выполните «cert db migrate» (сервер на встроенной базе делает это сам при запуске)';

export function describeDatabaseFailure(error: unknown): string | null {
  for (const candidate of causes(error)) {
    const text = describeOne(candidate);
    if (text) return text;
  }
  return null;
}

function describeOne(error: ErrorFields): string | null {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `Не удалось подключиться к PostgreSQL${where(error)}: сервер не принимает соединения. Проверьте, что он запущен, и адрес в DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Не удалось подключиться к PostgreSQL: адрес${typeof error.hostname === 'string' ? ` «${error.hostname}»` : ''} не найден. Проверьте DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Не удалось подключиться к PostgreSQL${where(error)}: сервер недоступен по сети. Проверьте адрес в DATABASE_URL.`;
    case '3D000':
      return `База данных не найдена (${message}): создайте её или исправьте имя в DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `PostgreSQL отказал во входе (${message}): проверьте пользователя и пароль в DATABASE_URL.`;
    case '42P01':
    case '42703':
      return `Схема базы данных не создана или устарела (${message}): ${MIGRATE}.`;
    case '57P01':
    case '57P02':
    case '57P03':
      return `PostgreSQL сейчас недоступен (${message}): он запускается или останавливается; повторите позже.`;
    case '53300':
      return `PostgreSQL не принимает больше соединений (${message}): повторите позже или увеличьте max_connections.`;
    default:
      return null;
  }
}

function where(error: ErrorFields): string {
  return typeof error.address === 'string' && error.port !== undefined ? ` (${error.address}:${String(error.port)})` : '';
}

/** The error, then what it wraps, breadth-first, each once. */
function causes(error: unknown): ErrorFields[] {
  const found: ErrorFields[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 20) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || found.includes(next as ErrorFields)) continue;
    const fields = next as ErrorFields;
    found.push(fields);
    queue.push(fields.driverError, fields.cause);
    if (Array.isArray(fields.errors)) queue.push(...fields.errors);
  }
  return found;
}
