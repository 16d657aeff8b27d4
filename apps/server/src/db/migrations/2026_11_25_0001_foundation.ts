// Users, cookie sessions, webinars (the minimum that notifications point at), notifications,
// their events and per-type preferences. Frozen: later changes go into new migrations.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('username', 'varchar(150)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
    .addColumn('display_name', 'varchar(150)', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull().check(sql`role in ('student', 'host', 'admin')`))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('users_role_idx').on('users').columns(['role', 'id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'char(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('webinars')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('host_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'live', 'ended')`),
    )
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('notification_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('idempotency_key', 'varchar(200)', (c) => c.unique())
    .addColumn('notification_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notification_type', 'varchar(32)', (c) =>
      c
        .notNull()
        .check(
          sql`notification_type in ('live_started', 'live_ended', 'announcement', 'registration_approved', 'system', 'new_recording', 'upcoming_webinar')`,
        ),
    )
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('webinar_id', 'integer', (c) => c.references('webinars.id').onDelete('set null'))
    .addColumn('event_id', 'bigint', (c) => c.references('notification_events.id').onDelete('set null'))
    .addColumn('is_read', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('read_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // "A user's newest first": keyset pagination on (created_at, id) within one user's rows.
  await db.schema
    .createIndex('notifications_user_newest_idx')
    .on('notifications')
    .expression(sql`user_id, created_at desc, id desc`)
    .execute();
  // "A user's unread": partial, so the unread count and the unread list read only unread rows.
  await db.schema
    .createIndex('notifications_user_unread_idx')
    .on('notifications')
    .expression(sql`user_id, created_at desc, id desc`)
    .where(sql.ref('is_read'), '=', false)
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notification_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'notification_type'])
    .execute();

  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'app_settings',
    'notification_preferences',
    'notifications',
    'notification_events',
    'webinars',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
