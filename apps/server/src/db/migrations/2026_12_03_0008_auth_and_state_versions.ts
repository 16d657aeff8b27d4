// Two counters that let every server process tell old state from new without asking each other.
//
// users.auth_version: bearer tokens carry the version of their user at issue; changing the
// password or deleting the user raises it, so tokens issued before stop working at once (a JWT
// cannot be recalled otherwise). Changing the role does not: the role is read from the user, not
// from the token, so the next request has the new role.
//
// notification_state_version: every change to a user's notifications (a batch created, read,
// unread, deleted, edited) takes one value, carried in its live event and in the answers. A client
// sends back the newest it was given, and a process whose cache has not heard of that change yet
// reads the database instead. One value per statement or transaction, not per user, so a fan-out
// to 10,000 users writes nothing more.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('auth_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create sequence notification_state_version`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop sequence if exists notification_state_version`.execute(db);
  await db.schema.alterTable('users').dropColumn('auth_version').execute();
}
