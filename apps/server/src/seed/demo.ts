// Demo data for a first start: a person can sign in at once and see the bell work.
// Every demo account's password is DEMO_PASSWORD (printed in the README).
import type { Role } from '@webinar/contracts';
import { systemClock } from '../clock.ts';
import type { Tx } from '../db/transaction.ts';
import { inTransaction } from '../db/transaction.ts';
import { createInProcessEventBus } from '../events/event-bus.ts';
import { createNotificationService } from '../notifications/notifications.service.ts';
import { countUsers, type Db } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';

export const DEMO_PASSWORD = 'webinar123';

export const DEMO_USERS: ReadonlyArray<{ username: string; role: Role; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'Ada Admin' },
  { username: 'host', role: 'host', displayName: 'Hugo Host' },
  { username: 'alice', role: 'student', displayName: 'Alice Student' },
  { username: 'bob', role: 'student', displayName: 'Bob Student' },
  { username: 'carol', role: 'student', displayName: 'Carol Student' },
];

const MINUTE = 60_000;

/** Seeds the demo into an empty database; returns false (and changes nothing) otherwise. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Db): Promise<void> {
  const now = systemClock.now().getTime();
  const users = new Map<string, number>();
  for (const user of DEMO_USERS) {
    const row = await createUser(db, {
      ...user,
      password: DEMO_PASSWORD,
      email: `${user.username}@example.com`,
    });
    users.set(user.username, row.id);
  }
  const hostId = users.get('host')!;
  const adminId = users.get('admin')!;
  const students = DEMO_USERS.filter((u) => u.role === 'student').map((u) => users.get(u.username)!);

  const webinar = async (
    title: string,
    description: string,
    startsInMinutes: number,
    status: 'scheduled' | 'live' | 'ended',
  ) =>
    (
      await db
        .insertInto('webinars')
        .values({
          title,
          description,
          host_id: hostId,
          starts_at: new Date(now + startsInMinutes * MINUTE),
          duration_minutes: 60,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const live = await webinar(
    'TypeScript at scale',
    'How large teams keep a TypeScript codebase fast and safe.',
    -15,
    'live',
  );
  const upcoming = await webinar(
    'Designing notification systems',
    'Fan-out, delivery and the unread badge.',
    60 * 24,
    'scheduled',
  );
  const past = await webinar(
    'PostgreSQL indexing in practice',
    'Keyset pagination and partial indexes.',
    -60 * 24 * 3,
    'ended',
  );

  const service = createNotificationService({ bus: createInProcessEventBus(), clock: systemClock });
  const notify = (tx: Tx, minutesAgo: number, input: Parameters<typeof service.createBulk>[1]) =>
    service.createBulk(tx, { ...input, createdAt: new Date(now - minutesAgo * MINUTE) });

  await inTransaction(db, async (tx) => {
    await notify(tx, 60 * 24 * 2, {
      type: 'system',
      title: 'Welcome to the webinar platform',
      content: 'Your account is ready. Register for a webinar to get started.',
      recipients: { everyone: true },
    });
    await notify(tx, 60 * 24, {
      type: 'new_recording',
      title: 'New recording: PostgreSQL indexing in practice',
      content: 'The recording of "PostgreSQL indexing in practice" is now available.',
      webinarId: past,
      recipients: { userIds: students },
    });
    await notify(tx, 60 * 3, {
      type: 'announcement',
      title: 'New course catalogue',
      content: 'We have published the catalogue for next term. Take a look!',
      recipients: { everyone: true },
      excludeUserIds: [adminId],
    });
    await notify(tx, 90, {
      type: 'registration_approved',
      title: 'Registration approved',
      content: 'You are registered for "Designing notification systems".',
      webinarId: upcoming,
      recipients: { userIds: students },
    });
    await notify(tx, 30, {
      type: 'upcoming_webinar',
      title: 'Starting tomorrow: Designing notification systems',
      content: '"Designing notification systems" starts in 24 hours.',
      webinarId: upcoming,
      recipients: { userIds: students },
    });
    await notify(tx, 15, {
      type: 'live_started',
      title: 'Live now: TypeScript at scale',
      content: '"TypeScript at scale" has started. Join the live session!',
      webinarId: live,
      recipients: { userIds: students },
    });
  });
}
