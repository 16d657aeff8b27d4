// The webinar platform that raises notifications: registrations, live sessions and who joined
// them, announcements, recordings, reminder deliveries, and the columns that let a large fan-out
// run as a resumable job. Frozen: later changes go into new migrations.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('webinars_status_starts_idx')
    .on('webinars')
    .columns(['status', 'starts_at'])
    .execute();
  await db.schema.createIndex('webinars_host_idx').on('webinars').column('host_id').execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('webinar_id', 'integer', (c) => c.notNull().references('webinars.id').onDelete('cascade'))
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', sql`timestamptz(3)`)
    .addUniqueConstraint('registrations_user_webinar_key', ['user_id', 'webinar_id'])
    .execute();
  // "Every approved registrant of a webinar": the recipients of most webinar notifications.
  await db.schema
    .createIndex('registrations_webinar_status_idx')
    .on('registrations')
    .columns(['webinar_id', 'status', 'user_id'])
    .execute();

  await db.schema
    .createTable('live_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('webinar_id', 'integer', (c) => c.notNull().references('webinars.id').onDelete('cascade'))
    .addColumn('started_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', sql`timestamptz(3)`)
    .execute();
  // At most one session of a webinar is live at a time, even with two concurrent "start" requests.
  await db.schema
    .createIndex('live_sessions_one_live_idx')
    .on('live_sessions')
    .column('webinar_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('live_session_participants')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('live_session_participants_pk', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('recordings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('webinar_id', 'integer', (c) => c.notNull().references('webinars.id').onDelete('cascade'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('recordings_webinar_idx').on('recordings').column('webinar_id').execute();

  // One row per reminder sent: the primary key makes "once per registrant and window" hold with
  // any number of server processes, across restarts.
  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('webinar_id', 'integer', (c) => c.notNull().references('webinars.id').onDelete('cascade'))
    .addColumn('reminder_window', 'varchar(8)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sent_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('reminder_deliveries_pk', ['webinar_id', 'reminder_window', 'user_id'])
    .execute();

  // A fan-out too large for one statement on the embedded database runs as a job: the event keeps
  // what to send and how far it got (the last user id done), so it resumes after a crash.
  await db.schema
    .alterTable('notification_events')
    .addColumn('pending_fanout', 'jsonb')
    .addColumn('fanout_cursor', 'integer')
    .execute();
  await db.schema
    .createIndex('notification_events_pending_idx')
    .on('notification_events')
    .column('id')
    .where(sql.ref('pending_fanout'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notification_events')
    .dropColumn('pending_fanout')
    .dropColumn('fanout_cursor')
    .execute();
  for (const table of [
    'reminder_deliveries',
    'recordings',
    'announcements',
    'live_session_participants',
    'live_sessions',
    'registrations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('webinars_host_idx').execute();
  await db.schema.dropIndex('webinars_status_starts_idx').execute();
}
