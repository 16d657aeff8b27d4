// The notification service: the one module that creates notifications (from routes, the scheduler
// and the command line, most of them described by triggers/), and the rules for reading and
// changing a user's own.
import {
  NOTIFICATION_TYPES,
  type Notification,
  type NotificationPage,
  type NotificationType,
  type Preferences,
  type PreferencesUpdate,
  RECENT_NOTIFICATIONS_LIMIT,
  UNMUTABLE_TYPES,
} from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { NotificationParams } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { FanoutRunner } from './fanout-job.ts';
import { publishCreatedAfterCommit } from './notification-events.ts';
import { toNotification } from './notifications.mapper.ts';
import * as repo from './notifications.repository.ts';
import { createReadStateWriter, type ReadStateWriter } from './read-state-writer.ts';
import type { UserCache } from './user-cache.ts';

export type { Recipients } from './notifications.repository.ts';

export interface NewNotifications {
  type: NotificationType;
  title: string;
  content: string;
  webinarId?: number | null;
  recipients: repo.Recipients;
  excludeUserIds?: readonly number[];
  /** Names the event (e.g. `live_started:12:3`): a second call with the same key creates nothing. */
  idempotencyKey?: string;
  /** When it happened, if not now (demo data, imports). */
  createdAt?: Date;
  /** What the title and content were made from, kept with the type to render them again later. */
  params?: NotificationParams;
}

export interface CreatedNotifications {
  /** How many users were notified by this call (0 for a repeated idempotency key). */
  created: number;
  /** False when the idempotency key had been used already. */
  firstTime: boolean;
}

/** Recipient lists shorter than this are named in the live event; longer ones are looked up. */
const NAMED_RECIPIENTS_LIMIT = 200;

export interface ListOptions {
  cursor?: string | undefined;
  pageSize: number;
  unread?: boolean | undefined;
  type?: NotificationType | undefined;
  archived?: boolean | undefined;
}

export interface NotificationService {
  createBulk(tx: Tx, input: NewNotifications): Promise<CreatedNotifications>;
  createOne(
    tx: Tx,
    userId: number,
    input: Omit<NewNotifications, 'recipients' | 'excludeUserIds'>,
  ): Promise<CreatedNotifications>;
  list(db: Db, userId: number, options: ListOptions): Promise<Omit<NotificationPage, 'next'>>;
  recent(db: Db, userId: number): Promise<Notification[]>;
  get(db: Db, userId: number, id: number): Promise<Notification>;
  /** The count, at least as new as `minVersion` (a version the client was given). */
  unreadCount(db: Db, userId: number, minVersion?: number): Promise<Versioned<number>>;
  setRead(db: Db, userId: number, id: number, read: boolean): Promise<Versioned<Notification>>;
  /** Archives (and so marks read) one of the user's notifications, or restores it to the inbox. */
  setArchived(db: Db, userId: number, id: number, archive: boolean): Promise<Versioned<Notification>>;
  /** The change's version. */
  remove(db: Db, userId: number, id: number): Promise<number>;
  markAllRead(db: Db, userId: number): Promise<Versioned<{ marked_read: number; unread_count: number }>>;
  preferences(db: Db, userId: number): Promise<Preferences>;
  updatePreferences(db: Db, userId: number, update: PreferencesUpdate): Promise<Preferences>;
}

/**
 * A change or a read with the notification state version it reached (migration 0008): a client
 * sends back the newest it was given, and is never answered from an older state.
 */
export interface Versioned<T> {
  value: T;
  version: number;
}

export interface NotificationCaches {
  unreadCounts: UserCache<number>;
  /** A user's newest notifications, enough for `recent/` and the list's first page. */
  newest: UserCache<Notification[]>;
  /** The same for their unread ones (`?unread=true`). */
  newestUnread: UserCache<Notification[]>;
}

/** Rows kept per user: one page of the list (20) and one more, to know if a next page exists. */
const CACHED_ROWS = 21;

export interface NotificationServiceDeps {
  bus: EventBus;
  clock: Clock;
  /** What the hot polls ask for, kept in memory between changes (see user-cache.ts). */
  caches?: NotificationCaches;
  /** Set on the embedded database: batches larger than a chunk run as a job (fanout-job.ts). */
  fanout?: Pick<FanoutRunner, 'chunkSize' | 'wake'>;
  metrics?: Pick<Metrics, 'notificationsCreated' | 'fanoutDuration'> | undefined;
}

export function createNotificationService(deps: NotificationServiceDeps): NotificationService {
  const { bus, clock, caches } = deps;
  // One writer per database, so that concurrent requests share statements.
  const readStateWriters = new WeakMap<Db, ReadStateWriter>();
  function readStateWriter(db: Db): ReadStateWriter {
    let writer = readStateWriters.get(db);
    if (!writer) {
      writer = createReadStateWriter(db, clock);
      readStateWriters.set(db, writer);
    }
    return writer;
  }

  async function createBulk(tx: Tx, input: NewNotifications): Promise<CreatedNotifications> {
    const eventId = await repo.claimEvent(
      tx.db,
      input.type,
      input.idempotencyKey ?? null,
      input.params ?? null,
    );
    if (eventId === null) return { created: 0, firstTime: false };
    const createdAt = input.createdAt ?? clock.now();
    const filter = {
      type: input.type,
      recipients: input.recipients,
      excludeUserIds: input.excludeUserIds ?? [],
    };

    const { fanout } = deps;
    if (fanout && !('userIds' in input.recipients)) {
      const count = await repo.countRecipients(tx.db, filter);
      if (count > fanout.chunkSize) {
        await repo.queueFanout(tx.db, eventId, {
          type: input.type,
          title: input.title,
          content: input.content,
          webinarId: input.webinarId ?? null,
          recipients: input.recipients,
          excludeUserIds: [...filter.excludeUserIds],
          createdAt: createdAt.toISOString(),
        });
        tx.afterCommit(() => fanout.wake());
        return { created: count, firstTime: true };
      }
    }

    const { metrics } = deps;
    const insertStarted = metrics ? performance.now() : 0;
    const result = await repo.insertForRecipients(tx.db, {
      ...filter,
      eventId,
      title: input.title,
      content: input.content,
      webinarId: input.webinarId ?? null,
      createdAt,
    });
    tx.afterCommit(() => {
      metrics?.notificationsCreated.inc({ type: input.type }, result.count);
      metrics?.fanoutDuration.observe({ type: input.type }, (performance.now() - insertStarted) / 1000);
    });
    await repo.recordEventCount(tx.db, eventId, result.count);
    const named =
      'userIds' in input.recipients && input.recipients.userIds.length <= NAMED_RECIPIENTS_LIMIT
        ? [...input.recipients.userIds]
        : null;
    await publishCreatedAfterCommit(tx, bus, { eventId, type: input.type, inserted: result, userIds: named });
    return { created: result.count, firstTime: true };
  }

  async function findOrThrow(db: Db, userId: number, id: number): Promise<Notification> {
    const row = await repo.findForUser(db, userId, id);
    if (!row) throw AppError.notFound('Notification not found.');
    return toNotification(row);
  }

  async function newestRows(db: Db, userId: number, unread: true | undefined): Promise<Notification[]> {
    return (await repo.listForUser(db, userId, { limit: CACHED_ROWS, unread })).map(toNotification);
  }

  /** The first page of the list or of the unread list, from the cache, when that is what is asked. */
  function firstRowsFromCache(
    db: Db,
    userId: number,
    options: ListOptions,
  ): Notification[] | Promise<Notification[]> | undefined {
    if (!caches || options.cursor || options.type || options.archived || options.pageSize + 1 > CACHED_ROWS)
      return undefined;
    if (options.unread === undefined)
      return caches.newest.get(userId, () => newestRows(db, userId, undefined));
    if (options.unread === true)
      return unreadAmongNewest(userId) ?? caches.newestUnread.get(userId, () => newestRows(db, userId, true));
    return undefined;
  }

  /**
   * The user's unread rows, when their cached newest rows hold every one of them (the cached
   * unread count says how many there are): most users have a few unread, all recent, so the
   * unread list needs neither a query nor a second cached list. Both entries are dropped by any
   * change to the user's notifications, so when both are there they describe the same state.
   */
  function unreadAmongNewest(userId: number): Notification[] | undefined {
    const newest = caches?.newest.peek(userId);
    const count = caches?.unreadCounts.peek(userId);
    if (!newest || count === undefined) return undefined;
    const unread = newest.filter((notification) => !notification.is_read);
    return unread.length === count ? unread : undefined;
  }

  async function preferences(db: Db, userId: number): Promise<Preferences> {
    const muted = new Set((await repo.mutedTypes(db, userId)).map((r) => r.notification_type));
    return Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, !muted.has(t)])) as Preferences;
  }

  return {
    createBulk,

    createOne(tx, userId, input) {
      return createBulk(tx, { ...input, recipients: { userIds: [userId] } });
    },

    async list(db, userId, options) {
      // One row more than the page tells whether another page follows, without a count.
      const rows =
        (await firstRowsFromCache(db, userId, options)) ??
        (
          await repo.listForUser(db, userId, {
            after: options.cursor ? decodeCursor(options.cursor) : undefined,
            limit: options.pageSize + 1,
            unread: options.unread,
            type: options.type,
            archived: options.archived,
          })
        ).map(toNotification);
      const page = rows.slice(0, options.pageSize);
      const last = page.at(-1);
      const nextCursor =
        rows.length > options.pageSize && last
          ? encodeCursor({ createdAt: new Date(last.created_at), id: last.id })
          : null;
      return { results: page, next_cursor: nextCursor };
    },

    async recent(db, userId) {
      const rows = caches
        ? await caches.newest.get(userId, () => newestRows(db, userId, undefined))
        : await newestRows(db, userId, undefined);
      return rows.slice(0, RECENT_NOTIFICATIONS_LIMIT);
    },

    get: findOrThrow,

    async unreadCount(db, userId, minVersion = 0) {
      if (!caches) return { value: await repo.countUnread(db, userId), version: minVersion };
      const { unreadCounts } = caches;
      const value = await unreadCounts.get(userId, () => repo.countUnread(db, userId), minVersion);
      // Read from the database when the client knew of a newer change: that change is in it.
      return { value, version: Math.max(minVersion, unreadCounts.versionOf(userId)) };
    },

    async setRead(db, userId, id, read) {
      const row = await readStateWriter(db).setRead({ userId, id, read });
      if (!row) throw AppError.notFound('Notification not found.');
      const version = Number(row.state_version);
      bus.publish({
        name: 'notifications_changed',
        payload: { userId, notificationIds: [id], change: read ? 'read' : 'unread', version },
      });
      return { value: toNotification(row), version };
    },

    async setArchived(db, userId, id, archive) {
      const row = await repo.setArchivedForUser(db, userId, id, archive, clock.now());
      if (!row) throw AppError.notFound('Notification not found.');
      const version = Number(row.state_version);
      bus.publish({
        name: 'notifications_changed',
        payload: { userId, notificationIds: [id], change: archive ? 'archived' : 'restored', version },
      });
      return { value: toNotification(row), version };
    },

    async remove(db, userId, id) {
      const version = await repo.deleteForUser(db, userId, id);
      if (version === null) throw AppError.notFound('Notification not found.');
      bus.publish({
        name: 'notifications_changed',
        payload: { userId, notificationIds: [id], change: 'deleted', version },
      });
      return version;
    },

    async markAllRead(db, userId) {
      const { marked, version } = await readStateWriter(db).markAllRead(userId);
      if (marked > 0) {
        bus.publish({
          name: 'notifications_changed',
          payload: { userId, notificationIds: 'all', change: 'read', version },
        });
      }
      // Every unread row the statement saw is read now. One committed meanwhile was not visible to
      // it and stays unread; the live stream brings it with its own count.
      return {
        value: { marked_read: marked, unread_count: 0 },
        version: marked > 0 ? version : (caches?.unreadCounts.versionOf(userId) ?? 0),
      };
    },

    preferences,

    async updatePreferences(db, userId, update) {
      for (const type of UNMUTABLE_TYPES) {
        if (update[type] === false) {
          throw new AppError('validation_error', 'The request is invalid.', { [type]: 'cannot be muted' });
        }
      }
      await db.transaction().execute(async (trx) => {
        for (const type of NOTIFICATION_TYPES) {
          const receive = update[type];
          if (receive !== undefined && !UNMUTABLE_TYPES.includes(type))
            await repo.setMuted(trx, userId, type, !receive);
        }
      });
      return preferences(db, userId);
    },
  };
}
