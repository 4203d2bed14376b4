/** Application errors: `message` is for developers (English); `userMessage` is shown to people (Russian). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage: string = message,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad settings: lists every invalid variable at once. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      `Ошибка настроек (переменные окружения или .env):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Something the user of the CLI got wrong (exit code 1). */
export class UserInputError extends AppError {
  constructor(userMessage: string, options?: { cause?: unknown }) {
    super('USER_INPUT', userMessage, userMessage, options);
  }
}

/** A record the request names does not exist (or was deleted): 404 over HTTP, exit code 1 in the CLI. */
export class RecordNotFoundError extends UserInputError {}

/** Field-level validation failure: messages keyed by field name, in Russian. */
export class DomainValidationError extends AppError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(
      'VALIDATION',
      `Validation failed: ${Object.keys(fieldErrors).join(', ')}`,
      Object.entries(fieldErrors)
        .map(([, m]) => m)
        .join('; '),
    );
  }
}

/** Infrastructure failure (database, embedded server start-up). */
export class InfrastructureError extends AppError {
  constructor(message: string, userMessage: string, options?: { cause?: unknown }) {
    super('INFRASTRUCTURE', message, userMessage, options);
  }
}
