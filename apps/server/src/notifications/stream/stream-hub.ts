// The live stream's connections in this process, by user. Events from the bus (from this process
// or, with PostgreSQL, any other) are turned into server-sent events for the users connected
// here. A batch of notifications is looked up once for all its connected recipients, never one
// query per user. A client that reconnects with Last-Event-ID gets what it missed, in order.
//
// Each connection knows a point up to which its client has every notification, and the ids above
// it that it was sent (stream-position.ts). Ids are given at insert, not commit, and this
// process's own notifications reach its streams at once while others' come through the bus, so
// the newest id sent says nothing about what is below it. Catching up (on reconnect, after the
// bus lost events, and when a connection has been sent many ids) sends every row of the user
// above that point that it was not sent, and moves the point to one below which every
// transaction had finished when the query started.
import type { ServerResponse } from 'node:http';
import { STREAM_RETRY_MS, type StreamEventName, type StreamEvents } from '@webinar/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../app-error.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AppEvent, AppEvents, EventBus } from '../../events/event-bus.ts';
import { toNotification } from '../notifications.mapper.ts';
import { countUnread, type NotificationWithWebinar } from '../notifications.repository.ts';
import type { UserCache } from '../user-cache.ts';
import * as repo from './stream.repository.ts';
import { formatPosition, type StreamPosition } from './stream-position.ts';

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
  /** The client has every notification of its user up to this id: none is sent again. */
  complete: number;
  /** Ids above `complete` that the client has. */
  sent: Set<number>;
  /** Live events that arrived while the connection was still replaying what it missed. */
  pending: Array<() => void> | null;
  /** A catch-up is queued when `sent` grows past this. */
  catchUpAt: number;
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

/**
 * The HTTP side of opening a stream, which its route owns: the hub writes only the stream's body
 * (events, comments) to the response, never its status or headers.
 */
export interface StreamResponse {
  /** The stream is accepted: write the response head now; its first events follow at once. */
  start(): void;
  /** The server is shutting down: answer the request without a stream (the hub writes nothing). */
  refuse(): void;
}

/** A client this far behind is dropped; it reconnects and resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Users per lookup when a batch reaches many connected users. */
const LOOKUP_CHUNK = 2500;
/** Lookups of one batch running at once (each takes two database connections). */
const LOOKUPS_AT_ONCE = 2;
/** A connection sent this many ids above its complete point catches up, to move the point. */
const CATCH_UP_AFTER = 32;
/** A resync that failed (the database went again) is tried again after this long. */
const RESYNC_RETRY_MS = 1000;

export class StreamHub {
  private readonly byUser = new Map<number, Set<Connection>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeSignOuts: () => void;
  private queue: Promise<void> = Promise.resolve();
  private readonly maxPerUser: number;
  private readonly replayLimit: number;
  private closed = false;
  /** The newest complete point seen: every notification id up to it belongs to a finished transaction. */
  private knownPoint = 0;

  constructor(private readonly options: StreamHubOptions) {
    this.maxPerUser = options.maxConnectionsPerUser ?? 5;
    this.replayLimit = options.replayLimit ?? 500;
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 25_000);
    this.heartbeat.unref();
    // Bus events are handled one after another, so each client sees them in order.
    this.unsubscribe = options.bus.subscribe((event) => this.enqueue(event.name, () => this.handle(event)));
    // Not queued behind deliveries: a stream whose user signed out ends at once.
    this.unsubscribeSignOuts = options.bus.subscribe((event) => this.endSignedOut(event));
  }

  private enqueue(what: string, work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.options.log.error({ err: error, event: what }, 'live stream could not deliver an event');
    });
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

  /**
   * Takes over `res` for the stream; resolves once the client is up to date. What it needs from
   * the database is read before the response starts: if that fails (the database is down), it
   * throws with nothing written, so the request gets an ordinary error answer. `response.start()`
   * is called just before the first events are written, `response.refuse()` instead while the
   * server is shutting down.
   */
  async open(
    userId: number,
    res: ServerResponse,
    from: StreamPosition | undefined,
    signIn: StreamSignIn,
    response: StreamResponse,
  ): Promise<void> {
    // The client may have gone while the request was authenticated: its 'close' has been emitted
    // already and would never remove the connection. After close() nothing may stay open.
    if (res.destroyed) return;
    if (this.closed) return response.refuse();
    const connection: Connection = {
      userId,
      res,
      complete: from?.complete ?? 0,
      sent: new Set(from?.sent),
      pending: [],
      catchUpAt: CATCH_UP_AFTER,
      sessionHash: signIn.sessionHash,
      cancelExpiry: undefined,
    };
    const set = this.byUser.get(userId) ?? new Set<Connection>();
    set.add(connection);
    this.byUser.set(userId, set);
    res.on('close', () => this.remove(connection));
    this.endAtExpiry(connection, signIn.expiresAtMs);
    let missed: NotificationWithWebinar[] = [];
    let point: number | undefined;
    let count: number;
    try {
      point = await this.completePoint();
      // A client without a position has what there is now: only what comes next is sent.
      if (!from) await this.startFromNow(connection, point);
      else missed = await this.missedRows(connection);
      count = await this.unreadCount(userId);
    } catch (error) {
      this.remove(connection);
      throw error;
    }
    if (this.closed) return response.refuse();
    if (res.destroyed) return;
    // Signed out, or its sign-in expired, while the reads ran.
    if (!this.byUser.get(userId)?.has(connection)) throw AppError.unauthorized();
    response.start();
    let text = `retry: ${STREAM_RETRY_MS}\n\n`;
    for (const row of missed) text += this.notificationEvent(connection, row);
    if (from && point !== undefined && missed.length < this.replayLimit) this.advance(connection, point);
    this.write(connection, text + format('unread_count', { unread_count: count }));
    const pending = connection.pending ?? [];
    connection.pending = null;
    for (const deliver of pending) deliver();
  }

  /** A complete point now (see stream.repository.ts), remembered: it stays complete for good. */
  private async completePoint(): Promise<number | undefined> {
    const point = await repo.completePoint(this.options.db);
    if (point !== undefined && point > this.knownPoint) this.knownPoint = point;
    return point;
  }

  /**
   * A new client has every committed row. While a writer runs, its rows may still commit below
   * the user's newest id: start from the last point known complete, counting the user's rows
   * above it as the client's, so that the writer's rows come live when they commit.
   */
  private async startFromNow(connection: Connection, point: number | undefined): Promise<void> {
    if (point !== undefined) {
      connection.complete = point;
      return;
    }
    const ids = await repo.idsSince(this.options.db, connection.userId, this.knownPoint, this.replayLimit);
    if (ids.length < this.replayLimit) {
      connection.complete = this.knownPoint;
      for (const id of ids) connection.sent.add(id);
    } else connection.complete = await repo.latestId(this.options.db, connection.userId);
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.unsubscribeSignOuts();
    // One still opening is refused when its reads are done (open() checks `closed`).
    for (const set of this.byUser.values()) {
      for (const connection of set) {
        connection.cancelExpiry?.();
        if (!connection.pending) connection.res.end();
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

  /** Ends one stream now: nothing more is written to it (one still opening is refused by open()). */
  private end(connection: Connection): void {
    this.remove(connection);
    if (!connection.pending) connection.res.end();
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
          // The client was sent every row already, with a count read after they committed.
          if (text === '') return;
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

  /**
   * After the bus may have missed events: each client gets every row of its user that it has not
   * been sent, from the database (not only those above the newest id it was sent: this process's
   * own notifications reached it meanwhile), and its count. Tried again while the database fails.
   */
  private async resyncAll(): Promise<void> {
    try {
      const point = await this.completePoint();
      for (const set of [...this.byUser.values()]) {
        for (const connection of set) {
          // Still opening: its reads may have come before the bus was back, so it catches up once open.
          if (connection.pending) {
            this.whenReady(connection, () => this.catchUpLater(connection));
            continue;
          }
          await this.catchUp(connection, point);
          this.send(connection, 'unread_count', { unread_count: await this.unreadCount(connection.userId) });
        }
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'live streams could not catch up; trying again');
      const retry = setTimeout(() => this.enqueue('bus_resync', () => this.resyncAll()), RESYNC_RETRY_MS);
      retry.unref();
    }
  }

  /** Sends what the connection has not been sent; moves its point to `point` when all came. */
  private async catchUp(connection: Connection, point: number | undefined): Promise<void> {
    const rows = await this.missedRows(connection);
    for (const row of rows) this.sendNotification(connection, row);
    if (point !== undefined && rows.length < this.replayLimit) this.advance(connection, point);
  }

  /** The user's rows above the connection's point that it was not sent, oldest first. */
  private async missedRows(connection: Connection): Promise<NotificationWithWebinar[]> {
    const rows = await repo.rowsSince(
      this.options.db,
      connection.userId,
      connection.complete,
      this.replayLimit + connection.sent.size,
    );
    return rows.filter((row) => !connection.sent.has(row.id)).slice(0, this.replayLimit);
  }

  private advance(connection: Connection, point: number): void {
    if (point <= connection.complete) return;
    connection.complete = point;
    for (const id of connection.sent) if (id <= point) connection.sent.delete(id);
    connection.catchUpAt = connection.sent.size + CATCH_UP_AFTER;
  }

  /** A connection sent many ids catches up, so that its point moves and its position stays short. */
  private catchUpLater(connection: Connection): void {
    connection.catchUpAt = Number.POSITIVE_INFINITY; // until this one has run
    this.enqueue('catch_up', async () => {
      if (connection.res.destroyed || connection.res.writableEnded) return;
      try {
        await this.catchUp(connection, await this.completePoint());
      } finally {
        if (connection.catchUpAt === Number.POSITIVE_INFINITY)
          connection.catchUpAt = connection.sent.size + CATCH_UP_AFTER;
      }
    });
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
    // Already sent (a catch-up and live events overlap), or the client had it.
    if (row.id <= connection.complete || connection.sent.has(row.id)) return '';
    connection.sent.add(row.id);
    if (connection.sent.size >= connection.catchUpAt) this.catchUpLater(connection);
    return format('notification', toNotification(row), formatPosition(connection.complete, connection.sent));
  }

  private send<K extends StreamEventName>(
    connection: Connection,
    name: K,
    data: StreamEvents[K],
    id?: string,
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
      for (const { res, pending } of set) {
        // One still opening has no head yet.
        if (!pending && !res.writableEnded && !res.destroyed) res.write(': ping\n\n');
      }
    }
  }
}

/** One server-sent event. */
function format<K extends StreamEventName>(name: K, data: StreamEvents[K], id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
