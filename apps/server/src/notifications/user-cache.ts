// Each process remembers, per user, what the hot polls ask for (the unread count, the newest
// notifications), so a poll that changed nothing costs no query. The event bus keeps it correct:
// any change to a user's notifications, on any process, drops that user's entry (a large batch
// whose recipients are not named, or a renamed webinar, drops them all). A value read from the
// database is only kept if no change of any kind happened while it was being read, so a read
// racing with a write can never leave a stale value behind.
//
// Events reach the other processes a few milliseconds after the change: a client that was given
// a newer state by another process (it sends that state's version, migration 0008) must not get
// an older one from here. So the cache also remembers the newest change version it has heard of
// per user: an entry is as new as that, and a caller asking for a newer version reads instead.
import type { EventBus } from '../events/event-bus.ts';

export class UserCache<T> {
  private readonly values = new Map<number, T>();
  /** Per user, the newest change version heard of (kept when the value is dropped). */
  private readonly versions = new Map<number, number>();
  /** The newest version of a change to users who were not named (a large batch). */
  private floor = 0;
  private epoch = 0;

  constructor(private readonly maxEntries = 200_000) {}

  /** The cached value, unless it is older than `minVersion` (or missing): then `load()`'s. */
  async get(userId: number, load: () => Promise<T>, minVersion = 0): Promise<T> {
    const cached = this.values.get(userId);
    if (cached !== undefined && (minVersion === 0 || this.versionOf(userId) >= minVersion)) return cached;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch) this.remember(userId, value);
    return value;
  }

  peek(userId: number): T | undefined {
    return this.values.get(userId);
  }

  /** The newest change to the user's notifications this process has heard of: a cached value is that new. */
  versionOf(userId: number): number {
    return Math.max(this.versions.get(userId) ?? 0, this.floor);
  }

  /** Stores a count read in the same epoch as `epochAtRead` (see currentEpoch). */
  store(userId: number, value: T, epochAtRead: number): void {
    if (epochAtRead === this.epoch) this.remember(userId, value);
  }

  currentEpoch(): number {
    return this.epoch;
  }

  /** The user's notifications changed (to `version`, when known). */
  forget(userId: number, version = 0): void {
    this.epoch += 1;
    this.values.delete(userId);
    if (version > (this.versions.get(userId) ?? 0)) {
      // Forgetting versions only makes entries look older, so more reads and never a stale answer.
      if (this.versions.size >= this.maxEntries) this.versions.clear();
      this.versions.set(userId, version);
    }
  }

  /** Every user's notifications may have changed (to `version`, when known). */
  clear(version = 0): void {
    this.epoch += 1;
    this.values.clear();
    if (version > this.floor) this.floor = version;
  }

  get size(): number {
    return this.values.size;
  }

  private remember(userId: number, value: T): void {
    if (this.values.size >= this.maxEntries) this.values.clear();
    this.values.set(userId, value);
  }

  /** Keeps the cache in step with the bus; returns the function that stops it. */
  follow(bus: EventBus): () => void {
    return bus.subscribe((event) => {
      switch (event.name) {
        case 'notifications_created': {
          const { userIds, version } = event.payload;
          // Muted users are skipped by the insert, so a named recipient does not always get +1.
          if (userIds) for (const userId of userIds) this.forget(userId, version);
          else this.clear(version);
          break;
        }
        case 'notifications_changed':
          this.forget(event.payload.userId, event.payload.version);
          break;
        case 'bus_resync':
        case 'webinar_changed':
          this.clear();
          break;
      }
    });
  }
}
