// Demo data for a first start, made through the real services so it looks like a platform that
// has been in use: webinars in every state, registrations pending and approved, a live session
// with participants, recordings, announcements, and the notifications all of that raised, spread
// over the last days. Every demo account's password is DEMO_PASSWORD (printed in the README).
import type { Role } from '@webinar/contracts';
import { sql } from 'kysely';
import { createAnnouncement } from '../announcements/announcements.service.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { createInProcessEventBus } from '../events/event-bus.ts';
import { join, start } from '../live-sessions/live-sessions.service.ts';
import { createNotificationService } from '../notifications/notifications.service.ts';
import { systemMessageNotification } from '../notifications/triggers/system-message.ts';
import { addRecording } from '../recordings/recordings.service.ts';
import { decide, register } from '../registrations/registrations.service.ts';
import { countUsers } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';
import { updateWebinar } from '../webinars/webinars.repository.ts';
import { createWebinar } from '../webinars/webinars.service.ts';

export const DEMO_PASSWORD = 'webinar123';

export const DEMO_USERS: ReadonlyArray<{ username: string; role: Role; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'Ada Admin' },
  { username: 'host', role: 'host', displayName: 'Hugo Host' },
  { username: 'alice', role: 'student', displayName: 'Alice Student' },
  { username: 'bob', role: 'student', displayName: 'Bob Student' },
  { username: 'carol', role: 'student', displayName: 'Carol Student' },
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A clock the seed sets before each action, so the notifications carry believable times. */
class SeedClock implements Clock {
  private current = new Date();
  constructor(private readonly base = Date.now()) {}
  now() {
    return new Date(this.current);
  }
  ago(ms: number) {
    this.current = new Date(this.base - ms);
  }
  at(): () => void {
    throw new Error('the seed schedules nothing');
  }
}

/** The advisory lock that serialises seeding: class 74, used by nothing else (73 is the write gate). */
const SEED_LOCK = sql`74, 1`;

/**
 * Seeds the demo into an empty database; returns false (and changes nothing) otherwise. Several
 * processes may call it at once (WORKERS=N, two servers starting together): a session advisory
 * lock lets one seed while the others wait, then find users and leave.
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SEED_LOCK})`.execute(connection);
    try {
      if ((await countUsers(connection)) > 0) return false;
      await seedDemo(connection);
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${SEED_LOCK})`.execute(connection);
    }
  });
}

export async function seedDemo(db: Db): Promise<void> {
  const clock = new SeedClock();
  const bus = createInProcessEventBus();
  const deps = { db, clock, bus, notifications: createNotificationService({ bus, clock }) };
  const actors = new Map<string, AuthContext>();
  for (const user of DEMO_USERS) {
    const row = await createUser(db, {
      ...user,
      password: DEMO_PASSWORD,
      email: `${user.username}@example.com`,
      // Confirmed already, so the demo's notifications can be emailed at once.
      emailVerifiedAt: clock.now(),
    });
    actors.set(user.username, {
      userId: row.id,
      role: user.role,
      via: 'bearer',
      expiresAtMs: Number.POSITIVE_INFINITY,
    });
  }
  const actor = (name: string) => actors.get(name)!;
  const host = actor('host');
  const admin = actor('admin');
  const now = Date.now();
  // Made while the seed's clock says three days ago: then even the past ones had not started.
  const webinar = async (title: string, description: string, startsIn: number) =>
    (
      await createWebinar(deps, host, {
        title,
        description,
        starts_at: new Date(now + startsIn).toISOString(),
      })
    ).id;

  clock.ago(3 * DAY);
  await inTransaction(db, (tx) =>
    deps.notifications.createBulk(
      tx,
      systemMessageNotification({
        title: 'Welcome to the webinar platform',
        content: 'Your account is ready. Register for a webinar to get started.',
        recipients: { everyone: true },
      }),
    ),
  );

  const past = await webinar(
    'PostgreSQL indexing in practice',
    'Keyset pagination and partial indexes.',
    -2 * DAY,
  );
  const live = await webinar(
    'TypeScript at scale',
    'How large teams keep a TypeScript codebase fast.',
    -15 * MINUTE,
  );
  const tomorrow = await webinar(
    'Designing notification systems',
    'Fan-out, delivery and the unread badge.',
    DAY,
  );
  const nextWeek = await webinar('Accessible web apps', 'Keyboard, focus and screen readers.', 7 * DAY);

  // Registrations: Alice and Bob approved for the webinars that happened or are happening,
  // Carol still waiting for "Designing notification systems".
  for (const [student, webinarId, approve, ago] of [
    ['alice', past, true, 2.5 * DAY],
    ['bob', past, true, 2.5 * DAY],
    ['alice', live, true, DAY],
    ['bob', live, true, DAY],
    ['carol', live, true, DAY],
    ['alice', tomorrow, true, 5 * HOUR],
    ['carol', tomorrow, false, 2 * HOUR],
    ['bob', nextWeek, false, HOUR],
  ] as const) {
    clock.ago(ago);
    const registration = await register(deps, actor(student), webinarId);
    // The table stamps a new row with the real time (and the schema keeps created_at read-only):
    // the seed's clock says when it was made.
    await sql`update registrations set created_at = ${clock.now()} where id = ${registration.id}`.execute(db);
    if (approve) {
      // The host decides a little after the request, never before it.
      clock.ago(ago - 20 * MINUTE);
      await decide(deps, host, registration.id, 'approved');
    }
  }

  // The past webinar ran, ended and got its recording.
  await updateWebinar(db, past, { status: 'ended' });
  clock.ago(DAY);
  await addRecording(deps, host, past, {
    title: 'Full session',
    url: 'https://videos.example.com/pg-indexing',
  });

  clock.ago(3 * HOUR);
  await createAnnouncement(deps, admin, {
    title: 'New course catalogue',
    content: 'The catalogue for next term is out. Take a look!',
  });

  // "TypeScript at scale" is live now, and Bob has already joined.
  clock.ago(15 * MINUTE);
  await start(deps, host, live);
  clock.ago(10 * MINUTE);
  await join(deps, actor('bob'), live);

  // Users have read what is older than a day, so the bell shows a mix of read and unread.
  await db
    .updateTable('notifications')
    .set({ is_read: true, read_at: sql<Date>`created_at + interval '1 hour'` })
    .where('created_at', '<', new Date(now - DAY))
    .execute();
}
