// The readiness probe's question to the database (GET /readyz): does it answer a query now?
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Resolves once the database has answered a trivial query; rejects with its error otherwise. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
