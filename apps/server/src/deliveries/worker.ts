// The delivery worker every server process runs: it claims due deliveries (SKIP LOCKED, so
// processes share the queue without taking the same row), decides each one now, sends, and records
// the outcome.
//
// Exactly-once is not possible over SMTP; this is at-most-once in normal operation and
// at-least-once across a crash: a row is claimed (status `sending`, with a lapse time) before its
// message leaves and marked sent right after its group of sends, so a process killed in between
// leaves its batch claimed, and those rows are sent again once their claim lapses: the ones of the
// group that was in flight may reach the receiver twice, the others were never sent. Each message carries a
// Message-ID made from its delivery's id, the same on every try, so receivers can drop the repeat.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Metrics } from '../metrics/metrics.ts';
import * as pushSubscriptions from '../push/push-subscriptions.repository.ts';
import { createWakeableLoop, type WakeableLoop } from '../wakeable-loop.ts';
import type { EmailChannel } from './channels/email.ts';
import { type PushChannel, type PushResult, pushTimingFor } from './channels/push.ts';
import { decide, SKIP_REASONS } from './decide.ts';
import type { DeliveryToSend, Outcome } from './deliveries.repository.ts';
import * as repo from './deliveries.repository.ts';
import { classifySendError } from './mail-transport.ts';
import { retryDelayMs } from './retry-delay.ts';

/** Deliveries claimed at a time: one claim query serves this many. */
const BATCH_SIZE = 200;
/**
 * Messages sent side by side and then recorded together: enough to keep the SMTP pool's
 * connections busy, and the most a crash can make a receiver get twice.
 */
export const SEND_GROUP_SIZE = 25;

export const NOT_SENDING_REASON = 'rendered only: no SMTP server is configured (SMTP_URL)';
export const PUSH_OFF_REASON = 'push is not configured (no VAPID keys)';

/** Woken when notifications are created (and every DELIVERY_INTERVAL): sends what is due. */
export interface DeliveryWorker extends WakeableLoop {
  /** What this process has recorded since it started, by channel and status (for the log). */
  counters(): Record<string, Record<string, number>>;
}

export interface DeliveryWorkerDeps {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  email: EmailChannel;
  push: PushChannel;
  maxAttempts: number;
  /** How long a claim holds before another process may take the row (a crashed sender). */
  leaseMs: number;
  /** Rows claimed at a time; tests make it small to see a batch in flight. */
  batchSize?: number;
  metrics?: Pick<Metrics, 'deliveries'> | undefined;
}

/** One message to send: a delivery, or a digest's several (the first is the leader). */
interface Message {
  deliveries: DeliveryToSend[];
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { db, clock, email, push } = deps;
  const batchSize = deps.batchSize ?? BATCH_SIZE;
  const counts: Record<string, Record<string, number>> = {};

  function count(channel: string, status: string, n: number): void {
    const byStatus = counts[channel] ?? {};
    byStatus[status] = (byStatus[status] ?? 0) + n;
    deps.metrics?.deliveries.inc({ channel, status }, n);
    counts[channel] = byStatus;
  }

  /** Digest rows of one user and type go out as one message; every other row as its own. */
  function toMessages(rows: DeliveryToSend[]): Message[] {
    const messages: Message[] = [];
    const digests = new Map<string, Message>();
    for (const row of rows) {
      if (row.channel === 'email' && row.purpose === 'notification' && row.timing === 'digest') {
        const key = `${row.user_id}:${row.notification_type}`;
        const digest = digests.get(key);
        if (digest) digest.deliveries.push(row);
        else {
          const message = { deliveries: [row] };
          digests.set(key, message);
          messages.push(message);
        }
      } else messages.push({ deliveries: [row] });
    }
    return messages;
  }

  async function claim(now: Date): Promise<DeliveryToSend[]> {
    const lockedUntil = new Date(now.getTime() + deps.leaseMs);
    const ids = await repo.claimDue(db, now, batchSize, lockedUntil);
    if (ids.length === 0) return [];
    const rows = await repo.loadForSending(db, ids);
    const digestGroups = rows
      .filter((row) => row.timing === 'digest' && row.notification_type !== null)
      .map((row) => ({
        userId: row.user_id,
        type: row.notification_type as NonNullable<typeof row.notification_type>,
      }));
    const mates = await repo.claimDigestMates(db, digestGroups, now, lockedUntil);
    return mates.length > 0 ? [...rows, ...(await repo.loadForSending(db, mates))] : rows;
  }

  /** Sends one message and says what became of each of its deliveries. */
  async function deliver(message: Message): Promise<Array<{ id: number; outcome: Outcome }>> {
    const results: Array<{ id: number; outcome: Outcome }> = [];
    const going: DeliveryToSend[] = [];
    let address = '';
    for (const delivery of message.deliveries) {
      const decision = decide(delivery);
      if (decision.send) {
        going.push(delivery);
        address = decision.address;
      } else results.push({ id: delivery.id, outcome: { status: 'skipped', reason: decision.reason } });
    }
    const leader = going[0];
    if (!leader) return results;
    const digestId = going.length > 1 ? leader.id : undefined;
    const each = (outcome: Outcome) =>
      going.map((delivery) => ({
        id: delivery.id,
        outcome: delivery === leader || outcome.status === 'retrying' ? outcome : { ...outcome, digestId },
      }));

    let composed: Awaited<ReturnType<EmailChannel['compose']>>;
    try {
      composed = await email.compose(going, address);
    } catch (error) {
      deps.log.error({ err: error, deliveryId: leader.id }, 'could not render an email');
      return [
        ...results,
        ...each({ status: 'failed', reason: `could not render: ${(error as Error).message}`, address }),
      ];
    }
    if (!email.sends)
      return [...results, ...each({ status: 'skipped', reason: NOT_SENDING_REASON, address })];
    try {
      await email.send({ ...composed, to: address, messageId: email.messageId(`delivery-${leader.id}`) });
      return [...results, ...each({ status: 'sent', address })];
    } catch (error) {
      const failure = classifySendError(error);
      if (failure.permanent) {
        if (failure.addressRejected)
          await repo.markAddressFailing(db, leader.user_id, address, failure.reason, clock.now());
        return [...results, ...each({ status: 'failed', reason: failure.reason, address })];
      }
      if (leader.attempts >= deps.maxAttempts) {
        const reason = `gave up after ${leader.attempts} tries: ${failure.reason}`;
        return [...results, ...each({ status: 'failed', reason, address })];
      }
      const retryAt = new Date(clock.now().getTime() + retryDelayMs(leader.attempts));
      return [...results, ...each({ status: 'retrying', reason: failure.reason, retryAt, address })];
    }
  }

  type Browsers = Map<number, pushSubscriptions.PushSubscriptionRow[]>;
  type Missed = Exclude<PushResult, { kind: 'delivered' }>;

  /**
   * Sends one push delivery to each of the user's browsers that does not have it yet. A browser
   * whose push service refuses it for now gets it at the delivery's next try, even when others
   * have it; the ones that have it do not get it again. A browser whose push service says it is
   * gone is forgotten. Sent once a browser has it and no other is left to try.
   */
  async function deliverPush(delivery: DeliveryToSend, browsers: Browsers, used: number[]): Promise<Outcome> {
    const receivedBy = [...(delivery.received_by ?? [])];
    let address = delivery.address ?? '';
    /** Nothing more to try: sent when a browser has it (saying why not every one), else `outcome`. */
    const end = (outcome: Outcome & { reason: string }): Outcome =>
      receivedBy.length > 0
        ? { status: 'sent', address, reason: `not to every browser: ${outcome.reason}` }
        : outcome;
    // Kept from the first try that leaves a browser to try again: one try writes no more than before.
    const recorded = (outcome: Outcome): Outcome =>
      outcome.status === 'retrying' || delivery.received_by !== null ? { ...outcome, receivedBy } : outcome;

    const targets = (browsers.get(delivery.user_id) ?? []).filter(
      (target) => !receivedBy.includes(target.id),
    );
    if (targets.length === 0 && receivedBy.length > 0) return recorded({ status: 'sent', address });
    const decision = decide(delivery);
    if (!decision.send) return recorded(end({ status: 'skipped', reason: decision.reason }));
    if (push.publicKey === null) return recorded(end({ status: 'skipped', reason: PUSH_OFF_REASON }));
    if (targets.length === 0 || delivery.notification_type === null)
      return recorded({ status: 'skipped', reason: SKIP_REASONS.noBrowser });
    let payload: ReturnType<PushChannel['compose']>;
    try {
      payload = push.compose(delivery);
    } catch (error) {
      return recorded(end({ status: 'failed', reason: `could not compose: ${(error as Error).message}` }));
    }
    const timing = pushTimingFor(delivery.notification_type);
    const results = await Promise.all(targets.map((target) => push.send(target, payload, timing)));
    const withResult = (kind: PushResult['kind']) => targets.filter((_, i) => results[i]?.kind === kind);
    const gone = withResult('gone');
    await pushSubscriptions.deleteById(
      db,
      gone.map((target) => target.id),
    );
    const delivered = withResult('delivered').map((target) => target.id);
    used.push(...delivered);
    receivedBy.push(...delivered);
    // The log's address column: the browsers it reached, on this try and before, as long as they fit.
    address = [address, ...withResult('delivered').map((target) => target.device_label)]
      .filter((label) => label !== '')
      .join(', ')
      .slice(0, 320);

    const missed = results.filter((result): result is Missed => result.kind !== 'delivered');
    const temporary = missed.find((result) => result.kind === 'temporary');
    if (temporary) {
      if (delivery.attempts >= deps.maxAttempts)
        return recorded(
          end({ status: 'failed', reason: `gave up after ${delivery.attempts} tries: ${temporary.reason}` }),
        );
      const retryAt = new Date(clock.now().getTime() + retryDelayMs(delivery.attempts));
      return recorded({
        status: 'retrying',
        reason: temporary.reason,
        retryAt,
        ...(address ? { address } : {}),
      });
    }
    const first = missed.find((result) => result.kind === 'permanent') ?? missed[0];
    if (!first) return recorded({ status: 'sent', address });
    const removed = gone.length === 1 ? 'the subscription was removed' : 'the subscriptions were removed';
    const reason = first.kind === 'gone' ? `${first.reason} (${removed})` : first.reason;
    return recorded(end({ status: 'failed', reason }));
  }

  /** The subscribed browsers of the batch's push recipients, in one query. */
  async function browsersOf(rows: readonly DeliveryToSend[]): Promise<Browsers> {
    const userIds = [...new Set(rows.filter((row) => row.channel === 'push').map((row) => row.user_id))];
    const browsers: Browsers = new Map();
    for (const row of await pushSubscriptions.listForUsers(db, userIds)) {
      browsers.set(row.user_id, [...(browsers.get(row.user_id) ?? []), row]);
    }
    return browsers;
  }

  /** Claims, sends and records one batch; false when nothing was due. */
  async function runBatch(): Promise<boolean> {
    const rows = await claim(clock.now());
    if (rows.length === 0) return false;
    const browsers = await browsersOf(rows);
    const messages = toMessages(rows);
    for (let start = 0; start < messages.length; start += SEND_GROUP_SIZE) {
      const group = messages.slice(start, start + SEND_GROUP_SIZE);
      // The browsers that received a push, marked used in one statement per group.
      const used: number[] = [];
      const outcomes = (
        await Promise.all(
          group.map(async (message) => {
            const [only] = message.deliveries;
            if (only?.channel === 'push')
              return [{ id: only.id, outcome: await deliverPush(only, browsers, used) }];
            return deliver(message);
          }),
        )
      ).flat();
      await repo.recordOutcomes(db, outcomes, clock.now());
      await pushSubscriptions.markUsed(db, used, clock.now());
      const channelOf = new Map(group.flatMap((message) => message.deliveries.map((d) => [d.id, d.channel])));
      for (const { id, outcome } of outcomes) count(channelOf.get(id) ?? 'email', outcome.status, 1);
    }
    return true;
  }

  const loop = createWakeableLoop(
    async (isStopped) => {
      while (!isStopped() && (await runBatch())) {}
    },
    (error) => deps.log.error({ err: error }, 'delivery worker failed; it tries again at its next wake'),
  );

  return {
    ...loop,
    async stop() {
      await loop.stop();
      email.close();
    },
    counters: () => structuredClone(counts),
  };
}
