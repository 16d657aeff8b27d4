// Each process remembers users' unread counts, so a poll that changed nothing costs no query.
// The event bus keeps it correct: any change to a user's notifications, on any process, drops
// that user's entry (a large batch whose recipients are not named drops them all). A count read
// from the database is only kept if no change of any kind happened while it was being read, so a
// read racing with a write can never leave a stale count behind.
import type { EventBus } from '../events/event-bus.ts';

export class UnreadCountCache {
  private readonly counts = new Map<number, number>();
  private epoch = 0;

  constructor(private readonly maxEntries = 200_000) {}

  async get(userId: number, load: () => Promise<number>): Promise<number> {
    const cached = this.counts.get(userId);
    if (cached !== undefined) return cached;
    const epoch = this.epoch;
    const count = await load();
    if (epoch === this.epoch) this.remember(userId, count);
    return count;
  }

  peek(userId: number): number | undefined {
    return this.counts.get(userId);
  }

  /** Stores a count read in the same epoch as `epochAtRead` (see currentEpoch). */
  store(userId: number, count: number, epochAtRead: number): void {
    if (epochAtRead === this.epoch) this.remember(userId, count);
  }

  currentEpoch(): number {
    return this.epoch;
  }

  forget(userId: number): void {
    this.epoch += 1;
    this.counts.delete(userId);
  }

  clear(): void {
    this.epoch += 1;
    this.counts.clear();
  }

  get size(): number {
    return this.counts.size;
  }

  private remember(userId: number, count: number): void {
    if (this.counts.size >= this.maxEntries) this.counts.clear();
    this.counts.set(userId, count);
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
          this.clear();
          break;
      }
    });
  }
}
