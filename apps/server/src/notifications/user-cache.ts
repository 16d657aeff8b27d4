// Each process remembers, per user, what the hot polls ask for (the unread count, the newest
// notifications), so a poll that changed nothing costs no query. The event bus keeps it correct:
// any change to a user's notifications, on any process, drops that user's entry (a large batch
// whose recipients are not named, or a renamed webinar, drops them all). A value read from the
// database is only kept if no change of any kind happened while it was being read, so a read
// racing with a write can never leave a stale value behind.
import type { EventBus } from '../events/event-bus.ts';

export class UserCache<T> {
  private readonly values = new Map<number, T>();
  private epoch = 0;

  constructor(private readonly maxEntries = 200_000) {}

  async get(userId: number, load: () => Promise<T>): Promise<T> {
    const cached = this.values.get(userId);
    if (cached !== undefined) return cached;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch) this.remember(userId, value);
    return value;
  }

  peek(userId: number): T | undefined {
    return this.values.get(userId);
  }

  /** Stores a count read in the same epoch as `epochAtRead` (see currentEpoch). */
  store(userId: number, value: T, epochAtRead: number): void {
    if (epochAtRead === this.epoch) this.remember(userId, value);
  }

  currentEpoch(): number {
    return this.epoch;
  }

  forget(userId: number): void {
    this.epoch += 1;
    this.values.delete(userId);
  }

  clear(): void {
    this.epoch += 1;
    this.values.clear();
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
        case 'notifications_created':
          // Muted users are skipped by the insert, so a named recipient does not always get +1.
          if (event.payload.userIds) for (const userId of event.payload.userIds) this.forget(userId);
          else this.clear();
          break;
        case 'notifications_changed':
          this.forget(event.payload.userId);
          break;
        case 'bus_resync':
        case 'webinar_changed':
          this.clear();
          break;
      }
    });
  }
}
