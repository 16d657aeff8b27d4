// Failures that mean "the database cannot be reached right now" (PostgreSQL down or restarting,
// a connection cut, the pool unable to connect), told apart from a query's own errors: a request
// that meets one answers 503 with Retry-After instead of a 500, and the failure is logged once
// per kind for the whole outage instead of a stack trace per request.

/** Socket errors of a connection to the database. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down),
 * too_many_connections.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;

/** What node-postgres and its pool say when a connection is gone or cannot be had. */
const DRIVER_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^Connection terminated/, 'connection terminated'],
  [/^timeout exceeded when trying to connect/, 'connect timeout'],
  [/is not queryable$/, 'connection terminated'],
  [/^Cannot use a pool after calling end/, 'pool closed'],
];

/** The kind of unavailability `error` shows (an error code or a short name), or undefined. */
export function databaseUnavailableKind(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return code;
    for (const [pattern, kind] of DRIVER_MESSAGES) if (pattern.test(current.message)) return kind;
    // Both addresses of "localhost" refused: Node reports them together.
    if (current instanceof AggregateError) {
      const inner = current.errors.map(databaseUnavailableKind).find((kind) => kind !== undefined);
      if (inner) return inner;
    }
    current = current.cause;
  }
  return undefined;
}

/** Seconds a client is asked to wait (Retry-After) before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface OutageLog {
  /** Logs `error` if its kind has not been logged since the database last answered. */
  failed(kind: string, error: unknown): void;
  /** A new connection was opened: the database is back, and the next failure is news again. */
  recovered(): void;
}

export function createOutageLog(log: {
  warn(object: object, message: string): void;
  info(message: string): void;
}): OutageLog {
  const logged = new Set<string>();
  return {
    failed(kind, error) {
      if (logged.has(kind)) return;
      logged.add(kind);
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ kind, error: message }, 'database unavailable: answering 503 until it is back');
    },
    recovered() {
      if (logged.size === 0) return;
      logged.clear();
      log.info('database reachable again');
    },
  };
}
