import type { LogLevel } from './config.js';

/** A small structured logger: one line per event on stderr, JSON off a terminal. */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  child(module: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const REDACTED_KEYS = /password|secret|cookie/i;

function redact(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (REDACTED_KEYS.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message, stack: value.stack };
    else out[key] = value;
  }
  return out;
}

export function createLogger(level: LogLevel, module = 'app', stream: NodeJS.WritableStream = process.stderr): Logger {
  const threshold = ORDER[level];
  const json = !(stream as { isTTY?: boolean }).isTTY;
  const write = (lvl: Exclude<LogLevel, 'silent'>, message: string, context?: Record<string, unknown>) => {
    if (ORDER[lvl] < threshold) return;
    const ctx = context ? redact(context) : undefined;
    if (json) {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, module, msg: message, ...ctx })}\n`);
    } else {
      const extra = ctx && Object.keys(ctx).length > 0 ? ` ${JSON.stringify(ctx)}` : '';
      stream.write(`${new Date().toISOString().slice(11, 19)} ${lvl.toUpperCase().padEnd(5)} [${module}] ${message}${extra}\n`);
    }
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (name) => createLogger(level, name, stream),
  };
}
