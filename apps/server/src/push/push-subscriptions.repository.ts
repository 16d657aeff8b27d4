// All SQL about the browsers that receive a user's push notifications.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface NewPushSubscription {
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  device_label: string;
}

const COLUMNS = [
  'id',
  'user_id',
  'endpoint',
  'p256dh',
  'auth',
  'device_label',
  'created_at',
  'last_used_at',
] as const;

export function listForUser(db: Db, userId: number) {
  return db
    .selectFrom('push_subscriptions')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** The subscriptions of several users at once (a worker's batch). */
export function listForUsers(db: Db, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('push_subscriptions')
    .select(COLUMNS)
    .where('user_id', '=', sql<number>`any(${[...userIds]}::int[])`)
    .orderBy('id')
    .execute();
}

export type PushSubscriptionRow = Awaited<ReturnType<typeof listForUser>>[number];

/**
 * Saves a browser's subscription. The endpoint names one browser: subscribing it again updates
 * its keys, and moves it to the user now signed in there (the browser changed hands).
 */
export async function upsert(
  db: Db,
  subscription: NewPushSubscription,
): Promise<{ row: PushSubscriptionRow; created: boolean }> {
  const row = await db
    .insertInto('push_subscriptions')
    .values(subscription)
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        user_id: subscription.user_id,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
        device_label: subscription.device_label,
      }),
    )
    .returning([...COLUMNS, sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirstOrThrow();
  const { created, ...rest } = row;
  return { row: rest, created };
}

/** Deletes one of the user's subscriptions; false when the user has none with that id. */
export async function deleteForUser(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('push_subscriptions')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A push service said the subscription is gone (404/410). */
export async function deleteById(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('push_subscriptions')
    .where('id', 'in', [...ids])
    .execute();
}

export async function markUsed(db: Db, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('push_subscriptions')
    .set({ last_used_at: now })
    .where('id', 'in', [...ids])
    .execute();
}
