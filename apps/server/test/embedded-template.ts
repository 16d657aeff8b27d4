// Vitest global setup for the embedded suite: one migrated in-memory database, dumped once, that
// every test file starts from (see helpers/database.ts). Creating a PGlite cluster runs initdb,
// which takes several times longer than loading a copy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
// The name and type of what this provides.
import type {} from './helpers/database.ts';

export default async function embeddedTemplate(project: TestProject) {
  // WAL segments of 1 MB instead of 16: the copy each test file loads shrinks from 40 MB to 28 MB
  // and loads in two thirds of the time; nothing a test checks depends on the segment size.
  const pglite = await PGlite.create('memory://', { initDbStartParams: ['--wal-segsize=1'] });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('none');
    const folder = mkdtempSync(path.join(tmpdir(), 'webinar-test-template-'));
    const file = path.join(folder, 'migrated.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('embeddedTemplate', file);
    return () => rmSync(folder, { recursive: true, force: true });
  } finally {
    await db.destroy();
  }
}
