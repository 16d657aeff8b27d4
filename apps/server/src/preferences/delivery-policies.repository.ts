// All SQL about the admins' per-type defaults of each delivery channel.
import type { DeliveryChannel, NotificationType } from '@webinar/contracts';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DeliveryPoliciesTable } from '../db/schema.ts';

export type DeliveryPolicyRow = Selectable<DeliveryPoliciesTable>;

export function listPolicies(db: Db, channel: DeliveryChannel): Promise<DeliveryPolicyRow[]> {
  return db.selectFrom('delivery_policies').selectAll().where('channel', '=', channel).execute();
}

export function findPolicy(
  db: Db,
  type: NotificationType,
  channel: DeliveryChannel,
): Promise<DeliveryPolicyRow | undefined> {
  return db
    .selectFrom('delivery_policies')
    .selectAll()
    .where('notification_type', '=', type)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export function savePolicy(db: Db, policy: DeliveryPolicyRow): Promise<DeliveryPolicyRow> {
  return db
    .insertInto('delivery_policies')
    .values(policy)
    .onConflict((oc) =>
      oc
        .columns(['notification_type', 'channel'])
        .doUpdateSet({ timing: policy.timing, delay_minutes: policy.delay_minutes }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
