// Opens the database: PostgreSQL through `pg` when DATABASE_URL is set, otherwise the embedded
// PGlite in the data folder. Both speak the same SQL, so one set of migrations and queries serves.
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { createClusterInChild, needsCluster } from './embedded-init.ts';
import { isInMemory } from './in-memory.ts';
import { migrations } from './migrations/index.ts';
import { checkPostgresConnection } from './postgres-check.ts';
import type { Database } from './schema.ts';

/** The database as every query sees it; a transaction (`Transaction<Database>`) is one too. */
export type Db = Kysely<Database>;

export type DatabaseKind = 'postgres' | 'embedded';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
  /**
   * Where to report a pooled PostgreSQL connection that failed while idle (the server restarted,
   * an administrator ended it). The pool drops it and opens another for the next query.
   */
  onIdleConnectionError(report: (error: Error) => void): void;
  /** Where to report that a new connection was opened (after an outage: the database is back). */
  onConnectionOpened(report: () => void): void;
  /** PostgreSQL's pool: connections open, idle, and queries waiting for one (for metrics). */
  poolUse?(): { total: number; idle: number; waiting: number };
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** How long start-up waits for PostgreSQL to answer its first connection. */
  connectTimeoutMs?: number;
  /**
   * Embedded, in memory: start from this copy of a database (PGlite's dumpDataDir) instead of an
   * empty one. Tests start each file from one migrated copy rather than running initdb again.
   */
  startFrom?: Blob;
}

const INT8_OID = 20;
// int8 (bigint ids, count(*)) as a JS number in both drivers; our ids stay far below 2^53.
const parseInt8 = (value: string) => Number.parseInt(value, 10);

/**
 * PGlite's settings beside its defaults, sized for one process with one connection, since all it
 * reserves lives in the WebAssembly memory, which never shrinks: 8 MB of shared buffers instead of
 * PostgreSQL's 128 MB (the pages past them are read from the data folder through the OS's file
 * cache), and shared memory for 5 connections instead of 100. Less memory, the same throughput
 * within noise (docs/deployment.md, Memory; the figures: see the commit that added each).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=8MB', 'max_connections=5', 'max_wal_senders=0'];

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    await checkPostgresConnection(options.databaseUrl, options.connectTimeoutMs ?? 10_000);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A database that does not answer at all (a host gone, a full network buffer) fails the
      // request with 503 after this long instead of holding it for ever. It also bounds the wait
      // for a free connection, which under the bench's loads is a few milliseconds.
      connectionTimeoutMillis: 10_000,
      types: {
        getTypeParser: (oid, format) => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)),
      },
    });
    // Without a listener, the 'error' of an idle connection would end the process.
    let report = (error: Error) => console.error(`database connection failed while idle: ${error.message}`);
    pool.on('error', (error) => report(error));
    let opened = () => {};
    pool.on('connect', () => opened());
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      onIdleConnectionError(listener) {
        report = listener;
      },
      onConnectionOpened(listener) {
        opened = listener;
      },
    };
  }

  // Loaded only when used: PGlite's WebAssembly build holds memory as soon as it is imported.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  const dataDir = options.dataDir ?? './data';
  const inMemory = isInMemory(dataDir);
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const pgdata = inMemory ? dataDir : path.resolve(dataDir, 'pgdata');
    const startParams = [
      ...PGlite.defaultStartParams,
      ...EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting]),
    ];
    if (!inMemory && needsCluster(pgdata)) await createClusterInChild(pgdata, startParams);
    const pglite = await PGlite.create(pgdata, {
      parsers: { [INT8_OID]: parseInt8 },
      startParams,
      ...(inMemory && options.startFrom && { loadDataDir: options.startFrom }),
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'embedded',
      close: async () => {
        await db.destroy();
        unlock();
      },
      // One in-process connection: nothing can end it behind the server's back.
      onIdleConnectionError() {},
      onConnectionOpened() {},
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Runs every pending migration forward; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const what = failed ? `Migration ${failed.migrationName} failed` : 'Migrations could not run';
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
