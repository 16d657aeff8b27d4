// Domain events that other parts of the server (the live streams, the caches, the delivery
// worker) react to. Events are published after the transaction that caused them has committed.
// Two buses implement this interface: the in-process one below, for the embedded database (one
// process), and the PostgreSQL LISTEN/NOTIFY one (postgres-event-bus.ts), which reaches every
// server process and the command line's changes too; create-event-bus.ts picks one. Why: see
// docs/architecture.md (Event bus).
import type { NotificationChange, NotificationType } from '@webinar/contracts';

export interface AppEvents {
  /** A batch of notifications was created: ids `firstId..lastId` of event `eventId`. */
  notifications_created: {
    eventId: number;
    type: NotificationType;
    count: number;
    firstId: number;
    lastId: number;
    /**
     * The recipients, when the batch is small enough to name them; null means "look them up" (the
     * PostgreSQL bus also sends null when the list would not fit in a NOTIFY).
     */
    userIds: number[] | null;
    /** Its notification state version (migration 0008). */
    version: number;
  };
  /**
   * Events may have been missed (the PostgreSQL listener lost its connection and is back):
   * whoever keeps state derived from events must resync it from the database.
   */
  bus_resync: Record<string, never>;
  /**
   * A webinar was renamed or deleted, or its live session started or ended: kept copies of its
   * notifications (their webinar title, their actions such as "Join now") are out of date.
   */
  webinar_changed: { webinarId: number };
  /** One user's notifications changed (read, unread, deleted, edited, all read). */
  notifications_changed: {
    userId: number;
    notificationIds: number[] | 'all';
    change: NotificationChange;
    /** Its notification state version (migration 0008). */
    version: number;
  };
  /**
   * A user's password or role changed, or the user was deleted: what each process remembers of
   * them (role, token version) is dropped, and their live streams end.
   */
  user_auth_changed: { userId: number };
  /** A browser session was signed out: the streams opened with it end. */
  session_ended: { userId: number; sessionHash: string };
}

export type AppEventName = keyof AppEvents;
export type AppEvent = { [K in AppEventName]: { name: K; payload: AppEvents[K] } }[AppEventName];

export interface EventBus {
  publish(event: AppEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

export interface InProcessEventBus extends EventBus {
  /** How many listeners are subscribed (a leak shows here). */
  readonly listenerCount: number;
}

export function createInProcessEventBus(): InProcessEventBus {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    get listenerCount() {
      return listeners.size;
    },
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
