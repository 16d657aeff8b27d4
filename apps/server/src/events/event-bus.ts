// Domain events that other parts of the server (the live stream, caches) react to. Events are
// published after the transaction that caused them has committed. The in-process bus serves the
// embedded database; a PostgreSQL LISTEN/NOTIFY bus can implement the same interface so events
// reach every server process.
import type { NotificationChange, NotificationType } from '@webinar/contracts';

export interface AppEvents {
  /** A batch of notifications was created: ids `firstId..lastId` of event `eventId`. */
  notifications_created: {
    eventId: number;
    type: NotificationType;
    count: number;
    firstId: number;
    lastId: number;
    /** The recipients, when the batch is small enough to name them; null means "look them up". */
    userIds: number[] | null;
    /** Its notification state version (migration 0008). */
    version: number;
  };
  /**
   * Events may have been missed (the PostgreSQL listener lost its connection and is back):
   * whoever keeps state derived from events must resync it from the database.
   */
  bus_resync: Record<string, never>;
  /** A webinar was renamed or deleted: notifications that show its title changed with it. */
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
