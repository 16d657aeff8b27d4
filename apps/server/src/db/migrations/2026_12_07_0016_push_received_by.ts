// A push delivery goes to each of the user's browsers; when some push services refuse it for now,
// the retry must reach only those. The delivery remembers the browsers that have it (their
// push_subscriptions ids), from the first try that leaves one to try again; null until then, so a
// delivery sent in one try writes nothing more than before.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table deliveries add column received_by integer[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table deliveries drop column received_by`.execute(db);
}
