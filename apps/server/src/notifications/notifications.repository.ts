// All SQL about notifications. Every function that serves a user's request takes that user's id
// and filters by it, so a query cannot forget whose rows it may touch; each one is served by the
// notification indexes, which all start with user_id, never by a scan of other users' rows.
import { type NotificationType, type Role, UNMUTABLE_TYPES, type WebinarStatus } from '@webinar/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NotificationParams, PendingFanout } from '../db/schema.ts';
import { queueDeliveries } from '../deliveries/enqueue.ts';
import type { CursorPosition } from './cursor.ts';

export interface NotificationWithWebinar {
  id: number;
  user_id: number;
  notification_type: NotificationType;
  title: string;
  content: string;
  webinar_id: number | null;
  webinar_title: string | null;
  webinar_status: WebinarStatus | null;
  /** The row's own flag and time; toNotification() combines them with `marked_at`. */
  is_read: boolean;
  read_at: Date | null;
  /** When the earliest read mark that covers this unread row was made (migration 0006), if one does. */
  marked_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
}

/** When the earliest read mark that covers the row `row` was made (migration 0006), or null. */
function coveringMarkTime(row: 'n' | 't' | 'notifications') {
  return sql<Date | null>`(select m.marked_at from notification_read_marks m
    where m.user_id = ${sql.ref(`${row}.user_id`)} and m.read_through >= ${sql.ref(`${row}.id`)}
    order by m.read_through limit 1)`;
}

/**
 * The read time of row `row` once it is marked read: kept if it has one, else its covering
 * mark's, else `now`.
 */
export function readTimeOnceRead(row: 't' | 'notifications', now: Date) {
  return sql<Date>`coalesce(${sql.ref(`${row}.read_at`)}, ${coveringMarkTime(row)}, ${now})`;
}

/** Whether notification `n` reads as read: marked read itself, or covered by a read mark. */
export const IS_READ = sql<boolean>`(n.is_read or ${coveringMarkTime('n')} is not null)`;

/**
 * The id up to which the user's notifications are all read by their marks (0: none), read once
 * per statement for a given id, or per row for a column. A row above it reads as read only if
 * marked read itself.
 */
export function readThrough(user: number | RawBuilder<number>) {
  return sql<number>`(select coalesce(max(m.read_through), 0) from notification_read_marks m
    where m.user_id = ${user})`;
}

/**
 * The columns of a notification as the API shows it, with its webinar's title. The webinar's id
 * comes from the join, so a notification about a deleted webinar has none (there is no foreign
 * key to clear it: see migration 0004). The covering mark is looked up for unread rows only,
 * once per row.
 */
export const NOTIFICATION_COLUMNS = [
  'n.id',
  'n.user_id',
  'n.notification_type',
  'n.title',
  'n.content',
  'w.id as webinar_id',
  'w.title as webinar_title',
  'w.status as webinar_status',
  'n.is_read',
  'n.read_at',
  sql<Date | null>`case when not n.is_read then ${coveringMarkTime('n')} end`.as('marked_at'),
  'n.archived_at',
  'n.created_at',
] as const;

/** Notifications joined to their webinar, selecting NOTIFICATION_COLUMNS. */
export function selectWithWebinar(db: Db) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('webinars as w', 'w.id', 'n.webinar_id')
    .select(NOTIFICATION_COLUMNS);
}

export interface ListFilter {
  after?: CursorPosition;
  limit: number;
  unread?: boolean;
  type?: NotificationType;
  /** true: the archived rows only; otherwise the inbox. */
  archived?: boolean;
}

export function listForUser(db: Db, userId: number, filter: ListFilter): Promise<NotificationWithWebinar[]> {
  let query = selectWithWebinar(db)
    .where('n.user_id', '=', userId)
    .where('n.archived_at', filter.archived ? 'is not' : 'is', null);
  if (filter.unread === true)
    query = query.where('n.is_read', '=', false).where('n.id', '>', readThrough(userId));
  if (filter.unread === false)
    query = query.where((eb) => eb.or([eb('n.is_read', '=', true), eb('n.id', '<=', readThrough(userId))]));
  if (filter.type) query = query.where('n.notification_type', '=', filter.type);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('n.created_at', 'n.id'), '<', eb.tuple(createdAt, id)));
  }
  return query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(filter.limit).execute();
}

export function findForUser(
  db: Db,
  userId: number,
  id: number,
): Promise<NotificationWithWebinar | undefined> {
  return selectWithWebinar(db).where('n.user_id', '=', userId).where('n.id', '=', id).executeTakeFirst();
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('is_read', '=', false)
    .where('id', '>', readThrough(userId))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * A new notification state version (migration 0008), as an expression: in a statement's select
 * list it is taken once for the whole statement (PostgreSQL runs an uncorrelated subquery once).
 */
export const newStateVersion = sql<string>`(select nextval('notification_state_version'))`;

/** A new notification state version, in a statement of its own. */
export async function nextStateVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ version: string }>`select ${newStateVersion} as version`.execute(db);
  return Number(rows[0]?.version);
}

/** Deletes the notification if it is the user's; returns the change's state version, or null. */
export async function deleteForUser(db: Db, userId: number, id: number): Promise<number | null> {
  const row = await db
    .deleteFrom('notifications')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning(newStateVersion.as('version'))
    .executeTakeFirst();
  return row ? Number(row.version) : null;
}

/**
 * Archives the user's notification (marking it read) or restores it to the inbox; returns the row
 * with the change's state version, or undefined if it is not the user's.
 */
export function setArchivedForUser(db: Db, userId: number, id: number, archive: boolean, now: Date) {
  return db
    .with('t', (qb) =>
      qb
        .updateTable('notifications as t')
        .set(
          archive
            ? { archived_at: now, is_read: true, read_at: readTimeOnceRead('t', now) }
            : { archived_at: null },
        )
        .where('t.user_id', '=', userId)
        .where('t.id', '=', id)
        .returningAll('t'),
    )
    .selectFrom('t as n')
    .leftJoin('webinars as w', 'w.id', 'n.webinar_id')
    .select(NOTIFICATION_COLUMNS)
    .select(newStateVersion.as('state_version'))
    .executeTakeFirst();
}

export function mutedTypes(db: Db, userId: number): Promise<{ notification_type: NotificationType }[]> {
  return db
    .selectFrom('notification_preferences')
    .select('notification_type')
    .where('user_id', '=', userId)
    .where('muted', '=', true)
    .execute();
}

export async function setMuted(
  db: Db,
  userId: number,
  type: NotificationType,
  muted: boolean,
): Promise<void> {
  if (muted) {
    await db
      .insertInto('notification_preferences')
      .values({ user_id: userId, notification_type: type, muted: true })
      .onConflict((oc) => oc.columns(['user_id', 'notification_type']).doUpdateSet({ muted: true }))
      .execute();
  } else {
    await db
      .deleteFrom('notification_preferences')
      .where('user_id', '=', userId)
      .where('notification_type', '=', type)
      .execute();
  }
}

/**
 * Claims an event: returns its id, or null when an event with that idempotency key already
 * exists (a retried or duplicated action), in which case nothing more may be created.
 */
export async function claimEvent(
  db: Db,
  type: NotificationType,
  key: string | null,
  params: NotificationParams | null,
): Promise<number | null> {
  const row = await db
    .insertInto('notification_events')
    .values({ idempotency_key: key, notification_type: type, params: params && JSON.stringify(params) })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function recordEventCount(db: Db, eventId: number, count: number): Promise<void> {
  await db
    .updateTable('notification_events')
    .set({ created_count: count })
    .where('id', '=', eventId)
    .execute();
}

export type Recipients =
  | { userIds: readonly number[] }
  | { role: Role }
  | { everyone: true }
  /** Every approved registrant of the webinar. */
  | { webinarRegistrants: number }
  /** Everyone who joined the live session. */
  | { sessionParticipants: number };

export interface RecipientFilter {
  type: NotificationType;
  recipients: Recipients;
  excludeUserIds: readonly number[];
  /** Only users with id above this one, at most `limit` of them (chunked fan-out). */
  afterUserId?: number;
  limit?: number;
}

export interface BulkInsert extends RecipientFilter {
  eventId: number;
  title: string;
  content: string;
  webinarId: number | null;
  createdAt: Date;
}

export interface BulkInsertResult {
  count: number;
  firstId: number | null;
  lastId: number | null;
  lastUserId: number | null;
}

/** The ids of the users a batch goes to: the recipients, minus excluded users and mutes. */
function recipientsQuery(db: Db, input: RecipientFilter) {
  let recipients = db.selectFrom('users as u').select('u.id');
  const target = input.recipients;
  if ('userIds' in target)
    recipients = recipients.where('u.id', '=', sql<number>`any(${[...target.userIds]}::int[])`);
  else if ('role' in target) recipients = recipients.where('u.role', '=', target.role);
  else if ('webinarRegistrants' in target) {
    const webinarId = target.webinarRegistrants;
    recipients = recipients.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('registrations as r')
          .select(sql`1`.as('one'))
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.webinar_id', '=', webinarId)
          .where('r.status', '=', 'approved'),
      ),
    );
  } else if ('sessionParticipants' in target) {
    const sessionId = target.sessionParticipants;
    recipients = recipients.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('live_session_participants as p')
          .select(sql`1`.as('one'))
          .whereRef('p.user_id', '=', 'u.id')
          .where('p.session_id', '=', sessionId),
      ),
    );
  }
  if (input.excludeUserIds.length > 0) {
    recipients = recipients.where('u.id', '<>', sql<number>`all(${[...input.excludeUserIds]}::int[])`);
  }
  // Mutes count only for the types a user may mute (the service's rule, in contracts).
  if (!UNMUTABLE_TYPES.includes(input.type)) {
    recipients = recipients.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_preferences as p')
            .select(sql`1`.as('one'))
            .whereRef('p.user_id', '=', 'u.id')
            .where('p.notification_type', '=', input.type)
            .where('p.muted', '=', true),
        ),
      ),
    );
  }
  if (input.afterUserId !== undefined) recipients = recipients.where('u.id', '>', input.afterUserId);
  if (input.limit !== undefined) recipients = recipients.orderBy('u.id').limit(input.limit);

  return recipients;
}

/**
 * One set-based `INSERT ... SELECT` over the recipients, skipping users who muted the type (unless
 * it is one of UNMUTABLE_TYPES), and in the same statement the email and push deliveries they need. Returns how
 * many rows it made and their id range, for the live stream.
 */
export async function insertForRecipients(db: Db, input: BulkInsert): Promise<BulkInsertResult> {
  const recipients = recipientsQuery(db, input);
  const rows = recipients.select([
    sql<NotificationType>`${input.type}`.as('notification_type'),
    sql<string>`${input.title}`.as('title'),
    sql<string>`${input.content}`.as('content'),
    sql<number | null>`${input.webinarId}::int`.as('webinar_id'),
    sql<number>`${input.eventId}::bigint`.as('event_id'),
    sql<Date>`${input.createdAt}::timestamptz`.as('created_at'),
  ]);
  const result = await db
    .with('inserted', (qc) =>
      qc
        .insertInto('notifications')
        .columns(['user_id', 'notification_type', 'title', 'content', 'webinar_id', 'event_id', 'created_at'])
        .expression(rows)
        .returning(['id', 'user_id', 'created_at']),
    )
    // Runs though nothing reads it: PostgreSQL executes every data-modifying WITH step.
    .with('queued', (qc) => queueDeliveries(qc, input.type))
    .selectFrom('inserted')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('id').as('first_id'),
      eb.fn.max('id').as('last_id'),
      eb.fn.max('user_id').as('last_user_id'),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(result.count),
    firstId: result.first_id === null ? null : Number(result.first_id),
    lastId: result.last_id === null ? null : Number(result.last_id),
    lastUserId: result.last_user_id === null ? null : Number(result.last_user_id),
  };
}

export async function countRecipients(db: Db, filter: RecipientFilter): Promise<number> {
  const row = await db
    .selectFrom(recipientsQuery(db, filter).as('r'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks an event as a fan-out job still to run (see fanout-job.ts). */
export async function queueFanout(db: Db, eventId: number, job: PendingFanout): Promise<void> {
  await db
    .updateTable('notification_events')
    .set({ pending_fanout: JSON.stringify(job), fanout_cursor: 0 })
    .where('id', '=', eventId)
    .execute();
}

/** The oldest unfinished fan-out, locked so that no other worker runs the same chunk. */
export function claimFanout(db: Db) {
  return db
    .selectFrom('notification_events')
    .select(['id', 'pending_fanout', 'fanout_cursor', 'created_count'])
    .where('pending_fanout', 'is not', null)
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function advanceFanout(
  db: Db,
  eventId: number,
  cursor: number,
  createdCount: number,
  done: boolean,
) {
  await db
    .updateTable('notification_events')
    .set({ fanout_cursor: cursor, created_count: createdCount, ...(done ? { pending_fanout: null } : {}) })
    .where('id', '=', eventId)
    .execute();
}
