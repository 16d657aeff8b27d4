// All SQL of the delivery engine: claiming due rows across processes, reading what a decision
// needs, recording outcomes set-based, and the admin's log.
import type {
  DeliveryChannel,
  DeliveryQuery,
  DeliveryStatus,
  NotificationType,
  WebinarStatus,
} from '@webinar/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DeliveryPayload } from '../db/schema.ts';
import { IS_READ } from '../notifications/notifications.repository.ts';

/** The rows a worker may take: due and open, or claimed by a process whose claim has lapsed. */
function claimable(db: Db, now: Date) {
  return db
    .selectFrom('deliveries')
    .select('id')
    .where('status', 'in', ['pending', 'retrying', 'sending'])
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('status', '<>', 'sending'), eb('locked_until', '<', now)]));
}

/**
 * Claims up to `limit` due deliveries for this worker until `lockedUntil`: no other worker takes
 * them meanwhile (SKIP LOCKED passes over rows another transaction is claiming), and if this
 * process dies, they are taken again once the claim lapses.
 */
export async function claimDue(db: Db, now: Date, limit: number, lockedUntil: Date): Promise<number[]> {
  const rows = await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: lockedUntil }))
    .where(
      'id',
      'in',
      claimable(db, now).orderBy('due_at').orderBy('id').limit(limit).forUpdate().skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

/**
 * Claims the other due notifications of a digest: rows of the same user and type waiting for the
 * same message, which a batch's limit may have left out.
 */
export async function claimDigestMates(
  db: Db,
  groups: ReadonlyArray<{ userId: number; type: NotificationType }>,
  now: Date,
  lockedUntil: Date,
): Promise<number[]> {
  if (groups.length === 0) return [];
  const rows = await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: lockedUntil }))
    .where(
      'id',
      'in',
      claimable(db, now)
        .where('status', '=', 'pending')
        .where('digest_id', 'is', null)
        .where(sql<boolean>`due_at > created_at`)
        .where((eb) =>
          eb(
            eb.refTuple('user_id', 'notification_type'),
            'in',
            groups.map((group) => eb.tuple(group.userId, group.type)),
          ),
        )
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

export interface DeliveryToSend {
  id: number;
  channel: DeliveryChannel;
  purpose: 'notification' | 'email_verification' | 'test';
  attempts: number;
  payload: DeliveryPayload | null;
  /** What an earlier try recorded: for push, the browsers it reached (labels, and their ids). */
  address: string | null;
  received_by: number[] | null;
  user_id: number;
  /** Null when the user was deleted. */
  username: string | null;
  email: string | null;
  email_verified_at: Date | null;
  email_failed_at: Date | null;
  time_zone: string | null;
  notification_id: number | null;
  notification_type: NotificationType | null;
  /** Null when the notification was deleted (or for other purposes). */
  title: string | null;
  content: string | null;
  notification_created_at: Date | null;
  is_read: boolean | null;
  muted_in_app: boolean;
  /** The type's policy now, and the user's override now (on the delivery's channel). */
  timing: string | null;
  email_override: boolean | null;
  /** How many browsers the user has subscribed to push. */
  push_subscriptions: number;
  webinar_id: number | null;
  webinar_title: string | null;
  webinar_status: WebinarStatus | null;
  webinar_description: string | null;
  webinar_starts_at: Date | null;
  webinar_duration_minutes: number | null;
}

/** What deciding and rendering each delivery needs, as it stands now. */
export function loadForSending(db: Db, ids: readonly number[]): Promise<DeliveryToSend[]> {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('notifications as n', 'n.id', 'd.notification_id')
    .leftJoin('webinars as w', 'w.id', 'n.webinar_id')
    .leftJoin('delivery_policies as p', (join) =>
      join.onRef('p.notification_type', '=', 'd.notification_type').onRef('p.channel', '=', 'd.channel'),
    )
    .leftJoin('channel_preferences as cp', (join) =>
      join
        .onRef('cp.user_id', '=', 'd.user_id')
        .onRef('cp.notification_type', '=', 'd.notification_type')
        .onRef('cp.channel', '=', 'd.channel'),
    )
    .select([
      'd.id',
      'd.channel',
      'd.purpose',
      'd.attempts',
      'd.payload',
      'd.address',
      'd.received_by',
      'd.user_id',
      'u.username',
      'u.email',
      'u.email_verified_at',
      'u.email_failed_at',
      'u.time_zone',
      'd.notification_id',
      'd.notification_type',
      'n.title',
      'n.content',
      'n.created_at as notification_created_at',
      sql<boolean | null>`case when n.id is not null then ${IS_READ} end`.as('is_read'),
      sql<boolean>`exists (select 1 from notification_preferences mp
        where mp.user_id = d.user_id and mp.notification_type = d.notification_type and mp.muted)`.as(
        'muted_in_app',
      ),
      'p.timing',
      'cp.enabled as email_override',
      sql<number>`case when d.channel = 'push'
        then (select count(*)::int from push_subscriptions s where s.user_id = d.user_id) else 0 end`.as(
        'push_subscriptions',
      ),
      'w.id as webinar_id',
      'w.title as webinar_title',
      'w.status as webinar_status',
      'w.description as webinar_description',
      'w.starts_at as webinar_starts_at',
      'w.duration_minutes as webinar_duration_minutes',
    ])
    .where('d.id', '=', sql<number>`any(${[...ids]}::bigint[])`)
    .orderBy('d.id')
    .execute() as Promise<DeliveryToSend[]>;
}

export type Outcome = (
  | { status: 'sent'; address: string; digestId?: number; reason?: string }
  | { status: 'skipped'; reason: string; address?: string; digestId?: number }
  | { status: 'failed'; reason: string; address?: string; digestId?: number }
  | { status: 'retrying'; reason: string; retryAt: Date; address?: string }
) & {
  /** Push: the browsers (subscription ids) that have it, kept once a try leaves one to try again. */
  receivedBy?: number[];
};

/** Records outcomes, one statement per outcome kind and reason, not one per row. */
export async function recordOutcomes(
  db: Db,
  outcomes: ReadonlyArray<{ id: number; outcome: Outcome }>,
  now: Date,
): Promise<void> {
  const groups = new Map<string, { outcome: Outcome; ids: number[] }>();
  for (const { id, outcome } of outcomes) {
    const key = JSON.stringify(outcome);
    const group = groups.get(key) ?? { outcome, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { outcome, ids } of groups.values()) {
    const finished = outcome.status !== 'retrying';
    await db
      .updateTable('deliveries')
      .set({
        status: outcome.status,
        reason: outcome.reason?.slice(0, 500) ?? null,
        address: outcome.address ?? null,
        locked_until: null,
        finished_at: finished ? now : null,
        ...(outcome.status === 'retrying' ? { due_at: outcome.retryAt } : {}),
        ...('digestId' in outcome && outcome.digestId !== undefined ? { digest_id: outcome.digestId } : {}),
        ...(outcome.receivedBy ? { received_by: sql<number[]>`${outcome.receivedBy}::int[]` } : {}),
      })
      .where('id', '=', sql<number>`any(${ids}::bigint[])`)
      // A claim that lapsed and was taken again belongs to the new worker.
      .where('status', '=', 'sending')
      .execute();
  }
}

/** A mail server refused the address for good: nothing more goes to it until it changes. */
export async function markAddressFailing(
  db: Db,
  userId: number,
  address: string,
  failure: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_failed_at: now, email_failure: failure.slice(0, 500) })
    .where('id', '=', userId)
    .where('email', '=', address)
    .execute();
}

/** The ids of a digest message's deliveries. */
export async function digestMembers(db: Db, digestId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', digestId), eb('digest_id', '=', digestId)]))
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

export function findDelivery(db: Db, id: number) {
  return logQuery(db).where('d.id', '=', id).executeTakeFirst();
}

function logQuery(db: Db) {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('notifications as n', 'n.id', 'd.notification_id')
    .select([
      'd.id',
      'd.channel',
      'd.purpose',
      'd.user_id',
      'u.username',
      'd.notification_id',
      'd.notification_type',
      'n.title',
      'd.status',
      'd.attempts',
      'd.reason',
      'd.address',
      'd.digest_id',
      'd.due_at',
      'd.created_at',
      'd.finished_at',
    ]);
}

export type DeliveryLogRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

/** What the delivery log is searched by (the query's dates parsed by the service). */
export type DeliveryFilter = Omit<
  DeliveryQuery,
  'created_after' | 'created_before' | 'page' | 'page_size'
> & {
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
};

export async function listDeliveries(
  db: Db,
  query: DeliveryFilter,
  page: { offset: number; limit: number },
): Promise<{ count: number; rows: DeliveryLogRow[] }> {
  let filtered = logQuery(db);
  if (query.channel) filtered = filtered.where('d.channel', '=', query.channel);
  if (query.status) filtered = filtered.where('d.status', '=', query.status);
  if (query.notification_type) filtered = filtered.where('d.notification_type', '=', query.notification_type);
  if (query.user !== undefined) filtered = filtered.where('d.user_id', '=', query.user);
  if (query.createdAfter) filtered = filtered.where('d.created_at', '>=', query.createdAfter);
  if (query.createdBefore) filtered = filtered.where('d.created_at', '<', query.createdBefore);
  const [counted, rows] = await Promise.all([
    db
      .selectFrom(filtered.as('f'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
    // Ids grow with time: newest first without an index of its own on created_at.
    filtered.orderBy('d.id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ]);
  return { count: Number(counted.count), rows };
}

/** Puts a finished delivery, and the members of its digest, back in the queue, due now. */
export async function requeue(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'pending', due_at: now, attempts: 0, reason: null, finished_at: null, digest_id: null })
    .where((eb) => eb.or([eb('id', '=', id), eb('digest_id', '=', id)]))
    .where('status', 'in', ['failed', 'skipped'] satisfies DeliveryStatus[])
    .execute();
}

/** Recent failures, newest first (the command line's view). */
export function recentFailures(db: Db, since: Date, limit: number) {
  return logQuery(db)
    .where('d.status', '=', 'failed')
    .where('d.finished_at', '>=', since)
    .orderBy('d.finished_at', 'desc')
    .limit(limit)
    .execute();
}
