// A fresh, migrated database for one test file: PGlite in memory by default, or a throwaway
// PostgreSQL database when TEST_DATABASE=postgres (created here, dropped on close).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';

export const usePostgres = process.env.TEST_DATABASE === 'postgres';
export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return {
    url: databaseUrlFor(postgresAdminUrl, name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file of a migrated embedded database (a PGlite dump): see ../embedded-template.ts. */
    embeddedTemplate: string;
  }
}

let template: Blob | undefined;

/** The migrated database every test file starts from (made once, by ../embedded-template.ts). */
export function embeddedTemplate(): Blob {
  template ??= new Blob([readFileSync(inject('embeddedTemplate'))]);
  return template;
}

/**
 * A DATA_DIR for a server process whose database is the migrated copy, not yet seeded: the server
 * starts on it without initdb, which takes seconds of CPU. The caller removes the folder.
 */
export async function migratedDataFolder(): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'webinar-migrated-'));
  const pglite = await PGlite.create(path.join(folder, 'pgdata'), { loadDataDir: embeddedTemplate() });
  await pglite.close();
  return folder;
}

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!usePostgres) {
    const database = await openDatabase({ dataDir: 'memory://', startFrom: embeddedTemplate() });
    await migrateToLatest(database.db);
    return database;
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ databaseUrl: created.url });
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}
