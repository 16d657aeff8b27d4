// What the server and the command line print when they stop on an error: one line an operator can
// act on. Expected failures (bad configuration, a database that cannot be reached, a port in use)
// are OperatorErrors whose message names the setting and what to do; only unexpected ones offer
// the stack trace, and only when DEBUG is set. Kept free of app imports: main.ts loads it in the
// WORKERS=N primary too.

/** A failure the operator can fix from its message alone. */
export class OperatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Some errors (pg's AggregateError for "connection refused" on every address) have no message. */
export function plainMessage(error: unknown): string {
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
  if (error instanceof OperatorError) return { message: error.message, expected: true };
  // A connection that fails after start-up checked it (the server went away meanwhile).
  const connection = connectionFailure(error);
  if (connection) {
    return { message: `Could not connect to the database: ${plainMessage(connection)}`, expected: true };
  }
  return { message: plainMessage(error), expected: false };
}

/** Prints `error` as `prefix` and its one line on stderr; the stack trace only with DEBUG set. */
export function reportFatal(
  prefix: string,
  error: unknown,
  described: { message: string; expected: boolean } = describeError(error),
): void {
  const { message, expected } = described;
  const debug = Boolean(process.env.DEBUG);
  const hint = expected || debug ? '' : ' (set DEBUG=1 for the stack trace)';
  console.error(`${prefix}${message}${hint}`);
  if (debug && error instanceof Error) console.error(error.stack);
}
