// The event bus across server processes: PostgreSQL LISTEN/NOTIFY. An event is delivered to this
// process's listeners at once and sent with NOTIFY to the others. An event stays small (a batch of
// notifications is named by its id range, not listed), far below NOTIFY's 8000-byte limit.
// When the listening connection drops (the database restarted), it reconnects with backoff and
// then publishes `bus_resync`, so the live streams fetch what they may have missed.
//
// NOTIFY makes its transaction commit (and wait for the disk) one at a time, so events published
// while a NOTIFY is on its way are sent together by the next one: one statement, one commit, in
// publish order, and as few messages as fit in NOTIFY's limit (a burst of mark-all-read makes one
// message of many events rather than one each, which every listening process would receive,
// this one included, and parse). The publisher commits asynchronously: a notification is never
// kept across a database crash anyway, so waiting for the disk bought nothing. A NOTIFY that fails
// (the publisher's connection died with a restart) is sent again, before anything newer: the other
// processes may have caught up already, and would miss what it carries.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { AppEvent, EventBus } from './event-bus.ts';

export const EVENT_CHANNEL = 'webinar_notification_events';
const MAX_PAYLOAD_BYTES = 7900;

/** One NOTIFY payload: events of one process, in publish order. */
interface Message {
  origin: string;
  /** Numbers this process's messages: PostgreSQL delivers identical payloads of one transaction once. */
  seq: number;
  /** When it was sent (ms since the epoch), for the event-bus lag metric. */
  sentAt?: number;
  events: AppEvent[];
}

/** What a message costs besides its events: origin, sequence number, time sent, brackets, commas. */
const MESSAGE_OVERHEAD_BYTES = 128;
/** Room for events in one message. */
const MAX_EVENTS_BYTES = MAX_PAYLOAD_BYTES - MESSAGE_OVERHEAD_BYTES;
/** A failed NOTIFY is tried this many times (about a minute with the backoff) before it is dropped. */
const NOTIFY_ATTEMPTS = 15;

export interface PostgresEventBusOptions {
  connectionString: string;
  log: FastifyBaseLogger;
  channel?: string;
  /** Longest wait between two reconnection attempts. */
  maxBackoffMs?: number;
  /** Told, for each message from another process, how long after its NOTIFY it arrived. */
  onLag?: (seconds: number) => void;
}

export async function createPostgresEventBus(options: PostgresEventBusOptions): Promise<EventBus> {
  const channel = options.channel ?? EVENT_CHANNEL;
  const origin = randomUUID();
  const listeners = new Set<(event: AppEvent) => void>();
  // One connection, so NOTIFYs leave (and reach the other processes) in the order of publish():
  // with two, a quick "read" then "unread" could arrive the other way round.
  // Its connection is opened at start and kept (no idle timeout): opening one on the first event
  // after a quiet spell made that event reach the other processes late.
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
  /** Events (as JSON) waiting for the NOTIFY in flight to finish, with their sizes in bytes. */
  let queued: Array<{ json: string; bytes: number }> = [];
  /** Payloads of a NOTIFY that failed, sent again before the queued events. */
  let unsent: string[] = [];
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  // Our own messages come back to our listener too; they are recognised by their start, unparsed.
  const ownPrefix = `{"origin":${JSON.stringify(origin)},`;

  /** The queued events as NOTIFY payloads, each within the limit, in publish order. */
  function messages(events: typeof queued): string[] {
    const payloads: string[] = [];
    let current: string[] = [];
    let bytes = 0;
    const flush = () => {
      seq += 1;
      payloads.push(`${ownPrefix}"seq":${seq},"sentAt":${Date.now()},"events":[${current.join(',')}]}`);
      current = [];
      bytes = 0;
    };
    for (const event of events) {
      if (current.length > 0 && bytes + event.bytes + 1 > MAX_EVENTS_BYTES) flush();
      current.push(event.json);
      bytes += event.bytes + 1;
    }
    if (current.length > 0) flush();
    return payloads;
  }

  function send(): void {
    if (sending || retryTimer || (queued.length === 0 && unsent.length === 0)) return;
    const payloads = [...unsent, ...messages(queued)];
    unsent = [];
    queued = [];
    // unnest() yields the array in order, so the notifications leave in publish order.
    sending = publisher
      .query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [channel, payloads])
      .then(
        () => {
          failures = 0;
        },
        (error: unknown) => {
          failures += 1;
          if (closed || failures >= NOTIFY_ATTEMPTS) {
            options.log.error({ err: error, messages: payloads.length }, 'NOTIFY failed; events dropped');
            failures = 0;
            return;
          }
          if (failures === 1) options.log.warn({ err: error }, 'NOTIFY failed; sending it again');
          unsent = payloads;
          retryTimer = setTimeout(
            () => {
              retryTimer = undefined;
              send();
            },
            Math.min(100 * 2 ** failures, options.maxBackoffMs ?? 5000),
          );
          retryTimer.unref();
        },
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
    client.on('notification', (notification) => {
      const payload = notification.payload;
      if (notification.channel !== channel || !payload || payload.startsWith(ownPrefix)) return;
      try {
        const message = JSON.parse(payload) as Message;
        if (!Array.isArray(message.events)) return;
        if (typeof message.sentAt === 'number')
          options.onLag?.(Math.max(0, Date.now() - message.sentAt) / 1000);
        for (const event of message.events) deliver(event);
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
      let json = JSON.stringify(event);
      let bytes = Buffer.byteLength(json);
      // Only a named recipient list can grow; other processes can find a batch by its id range.
      if (bytes > MAX_EVENTS_BYTES && event.name === 'notifications_created') {
        json = JSON.stringify({ ...event, payload: { ...event.payload, userIds: null } } satisfies AppEvent);
        bytes = Buffer.byteLength(json);
      }
      if (bytes > MAX_EVENTS_BYTES) {
        options.log.error({ event: event.name }, 'event too large for NOTIFY; other processes will miss it');
        return;
      }
      queued.push({ json, bytes });
      send();
    },
    subscribe(handle) {
      listeners.add(handle);
      return () => listeners.delete(handle);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(retryTimer);
      listeners.clear();
      // What was published before close still leaves.
      while (sending) await sending;
      await listener?.end().catch(() => {});
      await publisher.end();
    },
  };
}
