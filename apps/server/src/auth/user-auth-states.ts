// What authentication needs to know of a user on every bearer request: their current role and
// token version (users.auth_version). Each process remembers them, so a request costs a Map
// lookup, and drops a user's entry when the event bus says their password, role or existence
// changed, on any process: a role change applies to the next request, and tokens issued before a
// password change or deletion are refused. A value read while such a change happened is not kept.
import type { Role } from '@webinar/contracts';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/event-bus.ts';
import { findAuthState } from '../users/users.repository.ts';

export interface UserAuthState {
  role: Role;
  authVersion: number;
}

export class UserAuthStates {
  /** null: no such user (deleted). */
  private readonly known = new Map<number, UserAuthState | null>();
  private epoch = 0;

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 100_000,
  ) {}

  /** The user's current state, or null when there is no such user; a promise only on a miss. */
  get(userId: number): UserAuthState | null | Promise<UserAuthState | null> {
    const known = this.known.get(userId);
    return known !== undefined ? known : this.load(userId);
  }

  private async load(userId: number): Promise<UserAuthState | null> {
    const epoch = this.epoch;
    const row = await findAuthState(this.db, userId);
    const state = row ? { role: row.role, authVersion: row.auth_version } : null;
    if (epoch === this.epoch) {
      if (this.known.size >= this.maxEntries) this.known.clear();
      this.known.set(userId, state);
    }
    return state;
  }

  /** Keeps the entries in step with the bus; returns the function that stops it. */
  follow(bus: EventBus): () => void {
    return bus.subscribe((event) => {
      if (event.name === 'user_auth_changed') {
        this.epoch += 1;
        this.known.delete(event.payload.userId);
      } else if (event.name === 'bus_resync') {
        // Changes may have been missed while the listener was away.
        this.epoch += 1;
        this.known.clear();
      }
    });
  }
}
