// Announcements can be scheduled: `send_at` says when (null: sent when made, as before) and
// `state` where it stands. Every announcement made so far was sent when it was made. The partial
// index holds only the scheduled ones, so the schedulers' scan for due ones reads a handful of
// entries however many announcements were ever sent.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table announcements
    add column send_at timestamptz(3),
    add column state varchar(16) not null default 'sent',
    add column sent_at timestamptz(3),
    add constraint announcements_state_check
      check (state in ('scheduled', 'sent', 'cancelled', 'missed'))`.execute(db);
  await sql`update announcements set sent_at = created_at`.execute(db);
  await sql`create index announcements_scheduled_send_at_idx
    on announcements (send_at) where state = 'scheduled'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists announcements_scheduled_send_at_idx`.execute(db);
  await sql`delete from announcements where state <> 'sent'`.execute(db);
  await sql`alter table announcements
    drop constraint announcements_state_check,
    drop column sent_at,
    drop column state,
    drop column send_at`.execute(db);
}
