// The admin's view of the delivery log: search it, see a message as it is sent, send one again.
import type { Delivery, DeliveryPage, DeliveryPreview, DeliveryQuery } from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../app-error.ts';
import { parseOptionalDateTime } from '../dates.ts';
import { decide } from './decide.ts';
import * as repo from './deliveries.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'email' | 'push' | 'deliveryWorker'>;

function toDelivery(row: repo.DeliveryLogRow): Delivery {
  return {
    id: Number(row.id),
    channel: row.channel,
    purpose: row.purpose,
    user: { id: row.user_id, username: row.username ?? '(deleted user)' },
    notification_id: row.notification_id === null ? null : Number(row.notification_id),
    notification_type: row.notification_type,
    title: row.title,
    status: row.status,
    attempts: row.attempts,
    reason: row.reason,
    address: row.address,
    digest_id: row.digest_id === null ? null : Number(row.digest_id),
    due_at: row.due_at.toISOString(),
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export async function search(deps: Deps, query: DeliveryQuery): Promise<DeliveryPage> {
  const { created_after, created_before, page = 1, page_size: pageSize = 20, ...filter } = query;
  const createdAfter = parseOptionalDateTime(created_after, 'created_after');
  const createdBefore = parseOptionalDateTime(created_before, 'created_before');
  const offset = (page - 1) * pageSize;
  const { count, rows } = await repo.listDeliveries(
    deps.db,
    { ...filter, createdAfter, createdBefore },
    { offset, limit: pageSize },
  );
  return { count, page, page_size: pageSize, results: rows.map(toDelivery) };
}

export async function get(deps: Deps, id: number): Promise<Delivery> {
  const row = await repo.findDelivery(deps.db, id);
  if (!row) throw AppError.notFound('Delivery not found.');
  return toDelivery(row);
}

/** The message rendered again from what it carries: for a digest's member, the whole digest. */
export async function preview(deps: Deps, id: number): Promise<DeliveryPreview> {
  const row = await repo.findDelivery(deps.db, id);
  if (!row) throw AppError.notFound('Delivery not found.');
  const ids = await repo.digestMembers(deps.db, Number(row.digest_id ?? row.id));
  const deliveries = await repo.loadForSending(deps.db, ids);
  const first = deliveries[0];
  if (!first || deliveries.some((delivery) => delivery.purpose === 'notification' && delivery.title === null))
    throw new AppError(
      'conflict',
      'The notification this delivery carried was deleted: there is nothing to show.',
    );
  if (first.channel === 'push') {
    const payload = deps.push.compose(first);
    return {
      subject: payload.title,
      from: '',
      to: row.address,
      html: '',
      text: JSON.stringify(payload, null, 2),
      attachments: [],
      push_payload: payload,
    };
  }
  const decision = decide(first);
  const to = row.address ?? (decision.send ? decision.address : first.email || null);
  const email = await deps.email.compose(deliveries, to ?? '');
  return {
    subject: email.subject,
    from: email.from,
    to,
    html: email.html,
    text: email.text,
    attachments: email.attachments.map((a) => ({ filename: a.filename, content_type: a.contentType })),
  };
}

/** Queues a failed or skipped delivery (with its digest) again, due now. */
export async function retry(deps: Deps, id: number): Promise<Delivery> {
  const row = await repo.findDelivery(deps.db, id);
  if (!row) throw AppError.notFound('Delivery not found.');
  if (row.status !== 'failed' && row.status !== 'skipped')
    throw new AppError(
      'conflict',
      `Only a failed or skipped delivery can be retried; this one is ${row.status}.`,
    );
  await repo.requeue(deps.db, Number(row.digest_id ?? row.id), deps.clock.now());
  deps.deliveryWorker.wake();
  return get(deps, id);
}
