// What a notification was made from (the webinar's title, the start time, ...), kept with its type
// so that a later version can render it in the reader's language. Kept once per event, not per
// recipient: a fan-out to 100,000 users writes it once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_events add column params jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_events drop column params`.execute(db);
}
