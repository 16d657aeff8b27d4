// Channels beyond the web app, starting with email (see deliveries/). A notification that a
// channel must carry gets a `deliveries` row in the notification's own transaction; workers in
// every process claim due rows with FOR UPDATE SKIP LOCKED and record the outcome. Admins set
// per-type defaults (`delivery_policies`), users override them (`channel_preferences`), and a
// user's email address is used once verified, until a permanent rejection marks it failing.
import { type Kysely, sql } from 'kysely';

/** The defaults a new installation starts with; an admin changes them in the dashboard. */
const DEFAULT_EMAIL_POLICIES = [
  ['live_started', 'immediate', 0],
  ['registration_approved', 'immediate', 0],
  ['upcoming_webinar', 'immediate', 0],
  ['new_recording', 'digest', 30],
  ['announcement', 'if_unread', 15],
  ['live_ended', 'off', 0],
  ['system', 'off', 0],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('email_verified_at', 'timestamptz')
    // Set by a permanent SMTP rejection; cleared when the user changes the address.
    .addColumn('email_failed_at', 'timestamptz')
    .addColumn('email_failure', 'varchar(500)')
    .execute();

  await db.schema
    .createTable('delivery_policies')
    .addColumn('notification_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    // off | immediate | if_unread (after delay_minutes) | digest (a window of delay_minutes)
    .addColumn('timing', 'varchar(20)', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('delivery_policies_pkey', ['notification_type', 'channel'])
    .execute();
  for (const [type, timing, delay] of DEFAULT_EMAIL_POLICIES) {
    await sql`insert into delivery_policies (notification_type, channel, timing, delay_minutes)
      values (${type}, 'email', ${timing}, ${delay})`.execute(db);
  }

  // Only a user's overrides of the policy are stored: no row means the admin's default.
  await db.schema
    .createTable('channel_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notification_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_preferences_pkey', ['user_id', 'notification_type', 'channel'])
    .execute();

  // No foreign keys, like notifications (migration 0003): fan-outs insert 100,000 rows at once, and
  // a delivery outlives a deleted notification or user as a record of what was sent.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    // notification | email_verification | test
    .addColumn('purpose', 'varchar(30)', (c) => c.notNull().defaultTo('notification'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('notification_id', 'bigint')
    .addColumn('notification_type', 'varchar(30)')
    // pending | sending | retrying | sent | failed | skipped
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // While `sending`: when the claim lapses and another worker may take the row (a crashed process).
    .addColumn('locked_until', 'timestamptz')
    // Why it was skipped, or the last error.
    .addColumn('reason', 'varchar(500)')
    // The address it went to (an email address), written when it was sent or tried.
    .addColumn('address', 'varchar(320)')
    // Set on rows carried by another delivery's digest message: that delivery's id.
    .addColumn('digest_id', 'bigint')
    // What a message other than a notification needs (the address a verification link confirms).
    .addColumn('payload', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // What the workers poll: only open rows are in it, so it stays small however long the log grows.
  // A fan-out writes every index of this table 100,000 times in its request, so there are few.
  await sql`create index deliveries_due_idx on deliveries (due_at)
    where status in ('pending', 'retrying', 'sending')`.execute(db);
  // A digest joins the user's open window of the same type. Rows due at their creation (sent at
  // once: most of a fan-out) can never be such a window, so they stay out of it.
  await sql`create index deliveries_open_window_idx on deliveries (user_id, notification_type)
    where status = 'pending' and digest_id is null and due_at > created_at`.execute(db);
  // A digest message's other deliveries (its preview, a retry).
  await sql`create index deliveries_digest_idx on deliveries (digest_id) where digest_id is not null`.execute(
    db,
  );
  // The admin's log of one user, newest first (the whole log is read newest first by id).
  await sql`create index deliveries_user_idx on deliveries (user_id, id desc)`.execute(db);
  // The command line's recent failures.
  await sql`create index deliveries_failed_idx on deliveries (finished_at) where status = 'failed'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('channel_preferences').execute();
  await db.schema.dropTable('delivery_policies').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('time_zone')
    .dropColumn('email_verified_at')
    .dropColumn('email_failed_at')
    .dropColumn('email_failure')
    .execute();
}
