// The event bus across server processes: PostgreSQL LISTEN/NOTIFY. An event is delivered to this
// process's listeners at once and sent with NOTIFY to the others. Payloads stay small (a batch of
// notifications is named by its id range, not listed), far below NOTIFY's 8000-byte limit.
// When the listening connection drops (the database restarted), it reconnects with backoff and
// then publishes `bus_resync`, so the live streams fetch what they may have missed.
//
// NOTIFY makes its transaction commit (and wait for the disk) one at a time, so events published
// while a NOTIFY is on its way are sent together by the next one: one statement, one commit, in
// publish order. The publisher commits asynchronously: a notification is never kept across a
// database crash anyway, so waiting for the disk bought nothing.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { AppEvent, EventBus } from './event-bus.ts';

export const EVENT_CHANNEL = 'webinar_notification_events';
const MAX_PAYLOAD_BYTES = 7900;

interface Envelope {
  origin: string;
  /** Numbers this process's events: PostgreSQL delivers identical payloads of one transaction once. */
  seq: number;
  event: AppEvent;
}

export interface PostgresEventBusOptions {
  connectionString: string;
  log: FastifyBaseLogger;
  channel?: string;
  /** Longest wait between two reconnection attempts. */
  maxBackoffMs?: number;
}

export async function createPostgresEventBus(options: PostgresEventBusOptions): Promise<EventBus> {
  const channel = options.channel ?? EVENT_CHANNEL;
  const origin = randomUUID();
  const listeners = new Set<(event: AppEvent) => void>();
  // One connection, so NOTIFYs leave (and reach the other processes) in the order of publish():
  // with two, a quick "read" then "unread" could arrive the other way round.
  // Its connection is opened at start and kept (no idle timeout): opening one on the first event
  // after a quiet spell made that event reach the other processes tens of milliseconds late.
  const publisher = new pg.Pool({
    connectionString: options.connectionString,
    max: 1,
    idleTimeoutMillis: 0,
    options: '-c synchronous_commit=off',
  });
  publisher.on('error', (error) => options.log.warn({ err: error }, 'event bus publisher connection error'));
  let listener: pg.Client | undefined;
  let closed = false;
  let backoffMs = 100;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let seq = 0;
  /** Payloads waiting for the NOTIFY in flight to finish. */
  let queued: string[] = [];
  let sending: Promise<void> | undefined;

  function send(): void {
    if (sending || queued.length === 0) return;
    const batch = queued;
    queued = [];
    // unnest() yields the array in order, so the notifications leave in publish order.
    sending = publisher
      .query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [channel, batch])
      .then(
        () => undefined,
        (error: unknown) => options.log.warn({ err: error, events: batch.length }, 'NOTIFY failed'),
      )
      .finally(() => {
        sending = undefined;
        send();
      });
  }

  const deliver = (event: AppEvent) => {
    for (const handle of listeners) {
      try {
        handle(event);
      } catch (error) {
        options.log.error({ err: error, event: event.name }, 'event listener failed');
      }
    }
  };

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        const envelope = JSON.parse(message.payload) as Envelope;
        if (envelope.origin !== origin) deliver(envelope.event);
      } catch (error) {
        options.log.warn({ err: error }, 'ignored a malformed event bus message');
      }
    });
    const lost = (error?: Error) => {
      if (closed || listener !== client) return;
      listener = undefined;
      options.log.warn({ err: error }, 'event bus listener lost its connection; reconnecting');
      client.end().catch(() => {});
      scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    // Closed while connecting: this connection would keep the process alive.
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    backoffMs = 100;
  }

  function scheduleReconnect() {
    if (closed) return;
    reconnectTimer = setTimeout(async () => {
      try {
        await connect();
        if (closed) return;
        options.log.info('event bus listener reconnected');
        deliver({ name: 'bus_resync', payload: {} });
      } catch (error) {
        options.log.warn({ err: error, retryInMs: backoffMs }, 'event bus reconnection failed');
        backoffMs = Math.min(backoffMs * 2, options.maxBackoffMs ?? 5000);
        scheduleReconnect();
      }
    }, backoffMs);
    reconnectTimer.unref();
  }

  await connect();
  await publisher.query('select 1');

  return {
    publish(event) {
      deliver(event);
      seq += 1;
      let payload = JSON.stringify({ origin, seq, event } satisfies Envelope);
      // Only a named recipient list can grow; other processes can find a batch by its id range.
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES && event.name === 'notifications_created') {
        const unnamed: AppEvent = { ...event, payload: { ...event.payload, userIds: null } };
        payload = JSON.stringify({ origin, seq, event: unnamed } satisfies Envelope);
      }
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        options.log.error({ event: event.name }, 'event too large for NOTIFY; other processes will miss it');
        return;
      }
      queued.push(payload);
      send();
    },
    subscribe(handle) {
      listeners.add(handle);
      return () => listeners.delete(handle);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      listeners.clear();
      // What was published before close still leaves.
      while (sending) await sending;
      await listener?.end().catch(() => {});
      await publisher.end();
    },
  };
}
