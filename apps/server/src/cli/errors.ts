// Turns any error that reaches the top of the command line into the one line an operator reads.
// Expected failures (bad configuration, a locked data folder, invalid input) print their own
// message; only unexpected ones offer the stack trace, and only when DEBUG is set.
import { ConfigError } from '../config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { AppError } from '../http/app-error.ts';
import { BenchDataExistsError } from '../seed/bench.ts';

/** A failure the operator can fix from its message alone (bad input, missing user, ...). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

function appErrorMessage(error: AppError): string {
  const fields = Object.entries(error.fields ?? {}).map(([field, problem]) => `${field}: ${problem}`);
  return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
}

/** Some errors (pg's AggregateError for "connection refused" on every address) have no message. */
function plainMessage(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map((inner: unknown) => plainMessage(inner)).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || code || error.name;
  }
  return String(error);
}

/** Codes of "cannot reach or enter the database": network errors and PostgreSQL's 28xxx/3D000. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28P01',
  '28000',
  '3D000',
]);

/** The connection failure behind an error, if any (migrateToLatest wraps it as its `cause`). */
function connectionFailure(error: unknown): unknown {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const inner = current instanceof AggregateError ? current.errors[0] : undefined;
    const code =
      (current as NodeJS.ErrnoException).code ?? (inner as NodeJS.ErrnoException | undefined)?.code;
    if (code && CONNECTION_CODES.has(code)) return current;
    current = current.cause;
  }
  return undefined;
}

export function describeError(error: unknown): { message: string; expected: boolean } {
  if (
    error instanceof CliError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof BenchDataExistsError
  ) {
    return { message: error.message, expected: true };
  }
  if (error instanceof AppError) return { message: appErrorMessage(error), expected: true };
  const connection = connectionFailure(error);
  if (connection) {
    return { message: `Could not connect to the database: ${plainMessage(connection)}`, expected: true };
  }
  return { message: plainMessage(error), expected: false };
}
