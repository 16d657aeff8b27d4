// Start-up's first contact with PostgreSQL: one connection, opened with a time limit, so that an
// unreachable server, a missing database or a wrong password stop the process at once with one
// line naming DATABASE_URL and what to do, instead of a driver's stack trace from the first query.
import pg from 'pg';
import { OperatorError } from '../operator-error.ts';

export class DatabaseUnavailableError extends OperatorError {}

/** The parts of DATABASE_URL worth naming; never its password. */
function describeUrl(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const host = url.hostname || 'localhost';
  const port = url.port || '5432';
  return {
    where: `PostgreSQL at ${host}:${port}`,
    host,
    port,
    user: decodeURIComponent(url.username) || 'postgres',
    database: decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres',
  };
}

function explain(error: unknown, databaseUrl: string, timeoutMs: number): string {
  const { where, host, port, user, database } = describeUrl(databaseUrl);
  const code = (error as NodeJS.ErrnoException).code;
  const inner = error instanceof AggregateError ? (error.errors[0] as NodeJS.ErrnoException) : undefined;
  const seconds = timeoutMs / 1000;
  switch (code ?? inner?.code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${where} (DATABASE_URL): connection refused. Start PostgreSQL, or fix the host and port in DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to ${where} (DATABASE_URL): the host "${host}" is not known. Fix the host in DATABASE_URL.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `Cannot connect to ${where} (DATABASE_URL): the host is unreachable (${code ?? inner?.code}). Check the host in DATABASE_URL and the network.`;
    case '3D000':
      return (
        `The database "${database}" does not exist on ${where} (DATABASE_URL). Create it ` +
        `(createdb -h ${host} -p ${port} -U ${user} ${database}), or fix the name in DATABASE_URL.`
      );
    case '28P01':
    case '28000':
      return `${where} refused the user "${user}" (DATABASE_URL): ${plain(error)}. Fix the user or password in DATABASE_URL.`;
  }
  // pg's words for its own connect timeout.
  if (error instanceof Error && error.message === 'timeout expired') {
    return (
      `Cannot connect to ${where} (DATABASE_URL): timed out after ${seconds} s ` +
      '(PGCONNECT_TIMEOUT). Check the host and port in DATABASE_URL, and that PostgreSQL is running and reachable.'
    );
  }
  return `Cannot connect to ${where} (DATABASE_URL): ${plain(error)}. Check DATABASE_URL and that this is a PostgreSQL server.`;
}

function plain(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Connects once and disconnects, or throws DatabaseUnavailableError saying what to fix. */
export async function checkPostgresConnection(databaseUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  // A connection that fails after connect() answered must not end the process unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(explain(error, databaseUrl, timeoutMs), { cause: error });
  }
  await client.end();
}
