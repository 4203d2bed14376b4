import path from 'node:path';
import { z } from 'zod';
import { patternProblem } from './domain/registration-number.js';
import { ConfigError } from './errors.js';

/**
 * The one place that reads environment variables. Every other module receives `Config`.
 * Database: DATABASE_URL, or the original's DB_HOST/DB_PORT/DB_NAME/POSTGRES_USER/POSTGRES_PASSWORD;
 * with none of them set (outside production) an embedded PostgreSQL is used.
 */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(fallback));
const booleanFlag = (fallback: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(fallback ? 'true' : 'false'))
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const numberPattern = (value: string, context: z.RefinementCtx) => {
  const problem = patternProblem(value);
  if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
};

/** The EGRUL service's base address: one message per address, in Russian, and an `/api/` base caught at start. */
const egrulServiceUrlProblem = (value: string, context: z.RefinementCtx) => {
  const shown = value.slice(0, 100);
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const problem =
    !url || !/^https?:$/.test(url.protocol)
      ? `нужен адрес http:// или https:// сервиса egrul_fts_api, например http://egrul:8000/, получено «${shown}»`
      : /\/api\/?$/.test(url.pathname)
        ? `укажите адрес сервиса без /api/ (реестр добавляет его сам), например ${url.origin}/, получено «${shown}»`
        : null;
  if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
};

/** zod's own messages in Russian: what a variable must be, with what it got. */
const russianErrors: z.ZodErrorMap = (issue, context) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.expected === 'number' ? 'ожидается число' : `ожидается значение типа ${issue.expected}` };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === 'string' ? `не короче ${String(issue.minimum)} символов` : `не меньше ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      return { message: issue.type === 'string' ? `не длиннее ${String(issue.maximum)} символов` : `не больше ${String(issue.maximum)}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `одно из значений: ${issue.options.join(', ')}, получено «${String(issue.received).slice(0, 40)}»` };
    case z.ZodIssueCode.not_multiple_of:
      return { message: 'ожидается целое число' };
    default:
      return { message: issue.code === z.ZodIssueCode.invalid_string ? 'неверный формат' : context.defaultError };
  }
};

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  PORT: port(3000),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url('нужен адрес вида https://реестр.example.org/').optional()),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'нужен адрес вида postgresql://пользователь:пароль@сервер:5432/база')
      .optional(),
  ),
  DB_HOST: optionalString,
  DB_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  DB_NAME: optionalString,
  POSTGRES_USER: optionalString,
  POSTGRES_PASSWORD: optionalString,
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  EMBEDDED_PG_PORT: port(54329),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'не короче 32 символов (например, openssl rand -base64 48)').optional()),
  STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(600_000).default(30_000)),
  CLI_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000)),
  PASSWORD_HASH_COST: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(20).default(15)),
  SESSION_TTL_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
  ),
  SESSION_MAX_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24),
  ),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^(false|loopback|linklocal|uniquelocal|[0-9]{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
        'false, loopback, uniquelocal, a hop count or a comma-separated list of proxy addresses (CIDR allowed)',
      )
      .default('false'),
  ),
  COOKIE_SECURE: z.preprocess(emptyToUndefined, z.enum(['true', 'false', 'auto']).default('auto')),
  TIME_ZONE: z.preprocess(emptyToUndefined, z.string().default('Europe/Moscow')),
  LETTER_NUMBER_INCOMING: z.preprocess(emptyToUndefined, z.string().max(60).default('ВХ-{n}').superRefine(numberPattern)),
  LETTER_NUMBER_OUTGOING: z.preprocess(emptyToUndefined, z.string().max(60).default('ИСХ-{n}').superRefine(numberPattern)),
  SEED_DEMO_DATA: booleanFlag(true),
  EGRUL_SERVICE_URL: z.preprocess(emptyToUndefined, z.string().superRefine(egrulServiceUrlProblem).optional()),
  EGRUL_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(10_000)),
  FILES_DIR: optionalString,
  FILES_STORAGE: z.preprocess(emptyToUndefined, z.enum(['disk', 'database']).default('disk')),
  UPLOAD_MAX_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1024).default(20)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig = { kind: 'external'; url: string } | { kind: 'embedded'; dataDir: string; port: number };

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  dataDir: string;
  /** Undefined outside production: a random secret is generated and kept in DATA_DIR. */
  sessionSecret: string | undefined;
  sessionTtlHours: number;
  /** The longest a statement of the panel may run (PostgreSQL's statement_timeout on the server's connections). */
  statementTimeoutMs: number;
  /** The same for CLI jobs and migrations: longer, and explicit. */
  cliStatementTimeoutMs: number;
  /** log2 of scrypt's N for new password hashes: 15 in production (at least), lower only for tests. */
  passwordHashCost: number;
  /** Absolute session lifetime: a session ends this long after the login, however active. */
  sessionMaxHours: number;
  /** Express's `trust proxy`: false unless a reverse proxy is configured (X-Forwarded-For is not trusted otherwise). */
  trustProxy: boolean | number | string;
  cookieSecure: boolean;
  timeZone: string;
  /** Patterns of «наш номер» by direction: `{n}` the running number within the year, `{yyyy}`/`{yy}` the year. */
  letterNumbers: { incoming: string; outgoing: string };
  seedDemoData: boolean;
  egrul: { serviceUrl: string | undefined; timeoutMs: number };
  /** Where new scans go: files under `dir`, or PostgreSQL (scan_chunks); both are read (docs/operations.md). */
  files: { dir: string; maxUploadBytes: number; storage: 'disk' | 'database' };
  logLevel: LogLevel;
}

/** Every variable the application reads (a test keeps .env.example in step with it). */
export const CONFIG_KEYS = Object.keys(EnvSchema.shape);

const DB_PART_KEYS = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'POSTGRES_USER', 'POSTGRES_PASSWORD'] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env, { errorMap: russianErrors });
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';

  let database: DatabaseConfig;
  const partsGiven = DB_PART_KEYS.filter((k) => e[k] !== undefined);
  if (e.DATABASE_URL) {
    database = { kind: 'external', url: e.DATABASE_URL };
  } else if (partsGiven.length > 0) {
    const missing = DB_PART_KEYS.filter((k) => k !== 'POSTGRES_PASSWORD' && k !== 'DB_PORT' && e[k] === undefined);
    for (const key of missing) {
      problems.push(`${key}: обязательна, если задана любая из ${DB_PART_KEYS.join(', ')} (или задайте DATABASE_URL)`);
    }
    const user = encodeURIComponent(e.POSTGRES_USER ?? '');
    const password = e.POSTGRES_PASSWORD ? `:${encodeURIComponent(e.POSTGRES_PASSWORD)}` : '';
    database = {
      kind: 'external',
      url: `postgresql://${user}${password}@${e.DB_HOST ?? ''}:${e.DB_PORT ?? 5432}/${encodeURIComponent(e.DB_NAME ?? '')}`,
    };
  } else {
    if (production) {
      problems.push('DATABASE_URL: обязательна в продакшене (или DB_HOST, DB_NAME, POSTGRES_USER, POSTGRES_PASSWORD)');
    }
    database = { kind: 'embedded', dataDir: path.resolve(e.DATA_DIR, 'pg'), port: e.EMBEDDED_PG_PORT };
  }

  if (production && !e.SESSION_SECRET) {
    problems.push('SESSION_SECRET: обязательна в продакшене (случайная строка не короче 32 символов: openssl rand -base64 48)');
  }
  if (production && e.PASSWORD_HASH_COST < 15) {
    problems.push('PASSWORD_HASH_COST: в продакшене не меньше 15 (меньшая стоимость — только для тестов)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    database,
    dataDir,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    passwordHashCost: e.PASSWORD_HASH_COST,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    cliStatementTimeoutMs: e.CLI_STATEMENT_TIMEOUT_MS,
    sessionMaxHours: Math.max(e.SESSION_MAX_HOURS, e.SESSION_TTL_HOURS),
    trustProxy: e.TRUST_PROXY === 'false' ? false : /^[0-9]{1,2}$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? production : e.COOKIE_SECURE === 'true',
    timeZone: e.TIME_ZONE,
    letterNumbers: { incoming: e.LETTER_NUMBER_INCOMING, outgoing: e.LETTER_NUMBER_OUTGOING },
    seedDemoData: e.SEED_DEMO_DATA && database.kind === 'embedded',
    egrul: { serviceUrl: e.EGRUL_SERVICE_URL, timeoutMs: e.EGRUL_TIMEOUT_MS },
    files: { dir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')), maxUploadBytes: e.UPLOAD_MAX_MB * 1024 * 1024, storage: e.FILES_STORAGE },
    logLevel: e.LOG_LEVEL,
  });
}
