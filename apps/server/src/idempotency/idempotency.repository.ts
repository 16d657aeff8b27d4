// All SQL about Idempotency-Keys.
import type { Db } from '../db/database.ts';

export interface KeyOwner {
  userId: number;
  key: string;
}

/**
 * Claims the key for this request; false when the user has used it already. A request holding the
 * same key in a transaction still running makes this wait until that one commits or rolls back
 * (the primary key does that), so two at once never both run.
 */
export async function claimKey(db: Db, owner: KeyOwner, fingerprint: string): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ user_id: owner.userId, key: owner.key, fingerprint })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findKey(db: Db, owner: KeyOwner) {
  return db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'response'])
    .where('user_id', '=', owner.userId)
    .where('key', '=', owner.key)
    .executeTakeFirstOrThrow();
}

export async function saveResponse(db: Db, owner: KeyOwner, response: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response) })
    .where('user_id', '=', owner.userId)
    .where('key', '=', owner.key)
    .execute();
}

/** Forgets the keys made before `before`: a retry with one of them is a new request. */
export async function deleteKeysCreatedBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
