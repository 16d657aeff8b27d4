// Sign-in attempts counted per key (a client address, a username, a device) in fixed windows, in
// the database so that every server process on it shares one budget (auth/sign-in-limit.ts). A
// row whose window is over means nothing and is deleted; the index on resets_at finds those.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table sign_in_attempts (
    key varchar(200) primary key,
    attempts integer not null,
    resets_at timestamptz(3) not null)`.execute(db);
  await sql`create index sign_in_attempts_resets_at_idx on sign_in_attempts (resets_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists sign_in_attempts`.execute(db);
}
