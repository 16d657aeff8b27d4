// The live stream's connections in this process, by user. Events from the bus (from this process
// or, with PostgreSQL, any other) are turned into server-sent events for the users connected
// here. A batch of notifications is looked up once for all its connected recipients, never one
// query per user. A client that reconnects with Last-Event-ID gets what it missed, in order.
import type { ServerResponse } from 'node:http';
import { STREAM_RETRY_MS, type StreamEventName, type StreamEvents } from '@webinar/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { AppEvent, AppEvents, EventBus } from '../../events/event-bus.ts';
import type { Db } from '../../users/users.repository.ts';
import { toNotification } from '../notifications.mapper.ts';
import { countUnread, type NotificationWithWebinar } from '../notifications.repository.ts';
import type { UserCache } from '../user-cache.ts';
import * as repo from './stream.repository.ts';

export interface StreamHubOptions {
  db: Db;
  bus: EventBus;
  /** Streams end when what signed them in expires. */
  clock: Clock;
  /** Unread counts, shared with the unread-count route. */
  cache: UserCache<number>;
  log: FastifyBaseLogger;
  heartbeatMs?: number;
  maxConnectionsPerUser?: number;
  /** At most this many missed notifications are replayed on reconnect. */
  replayLimit?: number;
}

interface Connection {
  userId: number;
  res: ServerResponse;
  /** The newest notification id this client has been sent (or had when it connected). */
  lastSentId: number;
  /** The client had every notification up to this id when it connected: never sent again. */
  floor: number;
  /**
   * Ids sent since connecting. Transactions can commit out of id order (a long announcement
   * commits after a later single notification), so a live row below lastSentId may be new.
   */
  sent: Set<number>;
  /** Live events that arrived while the connection was still replaying what it missed. */
  pending: Array<() => void> | null;
  /** The session it was opened with (its SHA-256), for a cookie stream. */
  sessionHash: string | undefined;
  /** Cancels the end of the stream at its token's or session's expiry. */
  cancelExpiry: (() => void) | undefined;
}

/** What signed a stream in: the stream ends when it expires or is signed out. */
export interface StreamSignIn {
  expiresAtMs: number;
  sessionHash?: string | undefined;
}

/** A client this far behind is dropped; it reconnects and resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Users per lookup when a batch reaches many connected users. */
const LOOKUP_CHUNK = 2500;
/** Lookups of one batch running at once (each takes two database connections). */
const LOOKUPS_AT_ONCE = 2;
/** How many sent ids a connection remembers to skip duplicates (the oldest are forgotten). */
const SENT_IDS_REMEMBERED = 256;

export class StreamHub {
  private readonly byUser = new Map<number, Set<Connection>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeSignOuts: () => void;
  private queue: Promise<void> = Promise.resolve();
  private readonly maxPerUser: number;
  private readonly replayLimit: number;
  private closed = false;

  constructor(private readonly options: StreamHubOptions) {
    this.maxPerUser = options.maxConnectionsPerUser ?? 5;
    this.replayLimit = options.replayLimit ?? 500;
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 25_000);
    this.heartbeat.unref();
    // Bus events are handled one after another, so each client sees them in order.
    this.unsubscribe = options.bus.subscribe((event) => {
      this.queue = this.queue
        .then(() => this.handle(event))
        .catch((error: unknown) => {
          options.log.error({ err: error, event: event.name }, 'live stream could not deliver an event');
        });
    });
    // Not queued behind deliveries: a stream whose user signed out ends at once.
    this.unsubscribeSignOuts = options.bus.subscribe((event) => this.endSignedOut(event));
  }

  get connectionCount(): number {
    let total = 0;
    for (const set of this.byUser.values()) total += set.size;
    return total;
  }

  get userCount(): number {
    return this.byUser.size;
  }

  canOpen(userId: number): boolean {
    return (this.byUser.get(userId)?.size ?? 0) < this.maxPerUser;
  }

  /** Takes over `res` for the stream; resolves once the client is up to date. */
  async open(
    userId: number,
    res: ServerResponse,
    lastEventId: number | undefined,
    signIn: StreamSignIn,
  ): Promise<void> {
    // The client may have gone while the request was authenticated: its 'close' has been emitted
    // already and would never remove the connection. After close() nothing may stay open.
    if (res.destroyed) return;
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('The server is shutting down.');
      return;
    }
    const from = lastEventId ?? 0;
    const connection: Connection = {
      userId,
      res,
      lastSentId: from,
      floor: from,
      sent: new Set(),
      pending: [],
      sessionHash: signIn.sessionHash,
      cancelExpiry: undefined,
    };
    const set = this.byUser.get(userId) ?? new Set<Connection>();
    set.add(connection);
    this.byUser.set(userId, set);
    res.on('close', () => this.remove(connection));
    this.endAtExpiry(connection, signIn.expiresAtMs);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${STREAM_RETRY_MS}\n\n`);
    try {
      if (lastEventId === undefined) {
        connection.lastSentId = await repo.latestId(this.options.db, userId);
        connection.floor = connection.lastSentId;
      } else await this.replay(connection);
      this.send(connection, 'unread_count', { unread_count: await this.unreadCount(userId) });
    } finally {
      const pending = connection.pending ?? [];
      connection.pending = null;
      for (const deliver of pending) deliver();
    }
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.unsubscribeSignOuts();
    for (const set of this.byUser.values()) {
      for (const connection of set) {
        connection.cancelExpiry?.();
        connection.res.end();
      }
    }
    this.byUser.clear();
  }

  /** Ends the stream when its token or session expires (the client reconnects signed in anew). */
  private endAtExpiry(connection: Connection, expiresAtMs: number): void {
    connection.cancelExpiry = this.options.clock.at(new Date(expiresAtMs), () => this.end(connection));
  }

  /** Ends the streams of a session that was signed out, or of a user whose sign-in changed. */
  private endSignedOut(event: AppEvent): void {
    if (event.name !== 'session_ended' && event.name !== 'user_auth_changed') return;
    const { userId } = event.payload;
    const hash = event.name === 'session_ended' ? event.payload.sessionHash : undefined;
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      if (hash === undefined || connection.sessionHash === hash) this.end(connection);
    }
  }

  /** Ends one stream now: nothing more is written to it. */
  private end(connection: Connection): void {
    this.remove(connection);
    connection.res.end();
  }

  private remove(connection: Connection): void {
    connection.cancelExpiry?.();
    const set = this.byUser.get(connection.userId);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.byUser.delete(connection.userId);
  }

  private async handle(event: AppEvent): Promise<void> {
    if (this.byUser.size === 0) return;
    switch (event.name) {
      case 'notifications_created':
        return this.deliverBatch(event.payload);
      case 'notifications_changed':
        return this.deliverChange(event.payload);
      case 'bus_resync':
        return this.resyncAll();
    }
  }

  private async deliverBatch(batch: AppEvents['notifications_created']): Promise<void> {
    const targets = batch.userIds
      ? batch.userIds.filter((id) => this.byUser.has(id))
      : [...this.byUser.keys()];
    const chunks: number[][] = [];
    for (let start = 0; start < targets.length; start += LOOKUP_CHUNK) {
      chunks.push(targets.slice(start, start + LOOKUP_CHUNK));
    }
    // A few chunks at a time, each with its rows and its counts fetched side by side: the last
    // stream waits for all of them, and the database has more than one core.
    const worker = async () => {
      for (let users = chunks.shift(); users; users = chunks.shift()) {
        const epoch = this.options.cache.currentEpoch();
        const [rows, counts] = await Promise.all([
          repo.batchRowsForUsers(this.options.db, batch.firstId, batch.lastId, users),
          repo.unreadCounts(this.options.db, users),
        ]);
        this.deliverRows(rows, counts, epoch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, chunks.length) }, worker));
  }

  /** Sends each user's new rows and then their unread count, as one write per connection. */
  private deliverRows(rows: NotificationWithWebinar[], counts: Map<number, number>, epoch: number): void {
    const byUser = new Map<number, NotificationWithWebinar[]>();
    for (const row of rows) {
      const list = byUser.get(row.user_id);
      if (list) list.push(row);
      else byUser.set(row.user_id, [row]);
    }
    for (const [userId, userRows] of byUser) {
      const count = counts.get(userId) ?? 0;
      this.options.cache.store(userId, count, epoch);
      for (const connection of this.byUser.get(userId) ?? []) {
        this.whenReady(connection, () => {
          let text = '';
          for (const row of userRows) text += this.notificationEvent(connection, row);
          this.write(connection, text + format('unread_count', { unread_count: count }));
        });
      }
    }
  }

  private async deliverChange(change: AppEvents['notifications_changed']): Promise<void> {
    const connections = this.byUser.get(change.userId);
    if (!connections) return;
    const count = await this.unreadCount(change.userId);
    for (const connection of connections) {
      this.whenReady(connection, () =>
        this.write(
          connection,
          format('notification_updated', { ids: change.notificationIds, change: change.change }) +
            format('unread_count', { unread_count: count }),
        ),
      );
    }
  }

  /** After the bus may have missed events: each client gets what it has not seen, and its count. */
  private async resyncAll(): Promise<void> {
    for (const set of [...this.byUser.values()]) {
      for (const connection of set) {
        await this.replay(connection);
        this.send(connection, 'unread_count', { unread_count: await this.unreadCount(connection.userId) });
      }
    }
  }

  private async replay(connection: Connection): Promise<void> {
    const rows = await repo.rowsSince(
      this.options.db,
      connection.userId,
      connection.lastSentId,
      this.replayLimit,
    );
    for (const row of rows) this.sendNotification(connection, row);
  }

  private unreadCount(userId: number): Promise<number> {
    return this.options.cache.get(userId, () => countUnread(this.options.db, userId));
  }

  private whenReady(connection: Connection, deliver: () => void): void {
    if (connection.pending) connection.pending.push(deliver);
    else deliver();
  }

  private sendNotification(connection: Connection, row: NotificationWithWebinar): void {
    this.write(connection, this.notificationEvent(connection, row));
  }

  /** The event for a row, remembered as sent; empty when this client has it already. */
  private notificationEvent(connection: Connection, row: NotificationWithWebinar): string {
    // Already sent (replay and live overlap), or the client had it when it connected.
    if (row.id <= connection.floor || connection.sent.has(row.id)) return '';
    connection.sent.add(row.id);
    if (connection.sent.size > SENT_IDS_REMEMBERED) {
      const oldest = connection.sent.values().next().value;
      if (oldest !== undefined) connection.sent.delete(oldest);
    }
    if (row.id > connection.lastSentId) connection.lastSentId = row.id;
    return format('notification', toNotification(row), row.id);
  }

  private send<K extends StreamEventName>(
    connection: Connection,
    name: K,
    data: StreamEvents[K],
    id?: number,
  ): void {
    this.write(connection, format(name, data, id));
  }

  private write(connection: Connection, text: string): void {
    const { res } = connection;
    if (text === '' || res.writableEnded || res.destroyed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      this.options.log.warn(
        { userId: connection.userId },
        'dropping a live stream client that stopped reading',
      );
      res.destroy();
      return;
    }
    res.write(text);
  }

  private ping(): void {
    for (const set of this.byUser.values()) {
      for (const { res } of set) if (!res.writableEnded && !res.destroyed) res.write(': ping\n\n');
    }
  }
}

/** One server-sent event. */
function format<K extends StreamEventName>(name: K, data: StreamEvents[K], id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
