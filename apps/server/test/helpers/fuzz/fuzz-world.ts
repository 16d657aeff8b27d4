// The world the OpenAPI fuzz runs in: a student, a host and an admin signed in for real (bearer
// tokens and cookie sessions), credentials the server must not believe, and a few rows of each
// kind in each state, so that valid requests name rows that exist.
import { createECDH, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { createSignedLinks } from '../../../src/deliveries/signed-links.ts';
import { simple, TEST_PASSWORD, TEST_SECRET, type TestContext } from '../app.ts';
import type { Fixtures, FixtureUser, Sender } from './fuzz-cases.ts';

export interface SenderEntry {
  sender: Sender;
  /** The credentials every request of this sender carries. */
  headers: Record<string, string>;
}

export const FORGED_TOKEN = 'forged bearer token';
export const UNKNOWN_SESSION = 'unknown session cookie';

async function signIn(ctx: TestContext, username: string): Promise<{ access: string; refresh: string }> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/token/',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function seedFuzzWorld(
  ctx: TestContext,
): Promise<{ fixtures: Fixtures; senders: Map<string, SenderEntry> }> {
  const senders = new Map<string, SenderEntry>([
    ['anonymous', { sender: { name: 'anonymous', user: null }, headers: {} }],
  ]);
  const users: Record<'student' | 'host' | 'admin', FixtureUser> = {} as never;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  for (const role of ['student', 'host', 'admin'] as const) {
    const built = await ctx.buildUser({ role });
    const tokens = await signIn(ctx, built.username);
    users[role] = { id: built.id, username: built.username, refresh: tokens.refresh };
    const session = await ctx.signIn(built.username);
    sessions[role] = {
      cookie: Object.entries(session.cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      csrf: session.csrfToken,
    };
    senders.set(role, {
      sender: { name: role, user: users[role] },
      headers: { authorization: `Bearer ${tokens.access}` },
    });
  }
  for (const role of ['student', 'admin'] as const) {
    const { cookie, csrf } = sessions[role] as { cookie: string; csrf: string };
    senders.set(`${role} (cookie)`, {
      sender: { name: `${role} (cookie)`, user: users[role] },
      headers: { cookie, 'x-csrf-token': csrf },
    });
  }
  const { cookie } = sessions.admin as { cookie: string };
  senders.set('admin (cookie, no CSRF token)', {
    sender: { name: 'admin (cookie, no CSRF token)', user: users.admin },
    headers: { cookie },
  });
  // Credentials the server must not believe: a token whose signature was changed, a session that
  // does not exist.
  const adminToken = (senders.get('admin')?.headers.authorization ?? '').replace(/.{4}$/, 'AAAA');
  senders.set(FORGED_TOKEN, {
    sender: { name: FORGED_TOKEN, user: users.admin },
    headers: { authorization: adminToken },
  });
  senders.set(UNKNOWN_SESSION, {
    sender: { name: UNKNOWN_SESSION, user: users.admin },
    headers: { cookie: 'sessionid=not-a-session', 'x-csrf-token': 'not-a-token' },
  });

  // A few rows of each kind, in each state, so that valid requests find what they name.
  const { student, host, admin } = users;
  const adminHeaders = senders.get('admin')?.headers;
  const webinarIds: number[] = [];
  for (let i = 0; i < 16; i++) webinarIds.push(await ctx.buildWebinar(host.id, `Fuzz webinar ${i}`));
  const registrationIds: number[] = [];
  for (const [i, id] of webinarIds.slice(0, 10).entries()) {
    const row = await ctx.database.db
      .insertInto('registrations')
      .values({ user_id: student.id, webinar_id: id, status: i % 3 === 0 ? 'pending' : 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    registrationIds.push(row.id);
  }
  for (const id of webinarIds.slice(3, 7)) {
    const started = await ctx.app.inject({
      method: 'POST',
      url: `/api/live-sessions/${id}/start/`,
      headers: adminHeaders,
    });
    expect(started.statusCode, started.body).toBe(200);
  }
  for (const id of webinarIds.slice(5, 7)) {
    const ended = await ctx.app.inject({
      method: 'POST',
      url: `/api/live-sessions/${id}/end/`,
      headers: adminHeaders,
    });
    expect(ended.statusCode, ended.body).toBe(200);
  }
  const announcementIds: number[] = [];
  for (let i = 0; i < 6; i++) {
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/communications/announcements/',
      headers: adminHeaders,
      payload: { title: `Fuzz news ${i}`, content: 'Hello.' },
    });
    expect(made.statusCode, made.body).toBe(201);
    announcementIds.push(made.json().announcement.id);
  }
  for (let i = 0; i < 12; i++) {
    ctx.clock.advance(1000);
    await ctx.notify(
      simple(i % 2 ? 'system' : 'live_started', [student.id, host.id, admin.id], `Fuzz note ${i}`),
    );
  }
  const notificationIds = new Map<number, number[]>();
  for (const user of [student, host, admin]) {
    const rows = await ctx.database.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    notificationIds.set(
      user.id,
      rows.map((r) => Number(r.id)),
    );
  }
  // Their email deliveries (live_started is emailed at once; addresses are not verified, so skipped).
  await ctx.app.deliveryWorker.idle();
  const deliveryIds = (await ctx.database.db.selectFrom('deliveries').select('id').execute()).map((r) =>
    Number(r.id),
  );
  // A browser of each user's, so that removing one names a real row.
  const browser = createECDH('prime256v1');
  browser.generateKeys();
  const pushKeys = {
    p256dh: browser.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
  const pushSubscriptionIds = new Map<number, number[]>();
  for (const user of [student, host, admin]) {
    const row = await ctx.database.db
      .insertInto('push_subscriptions')
      .values({
        user_id: user.id,
        endpoint: `https://push.example.com/send/fuzz-${user.id}`,
        ...pushKeys,
        device_label: 'Fuzz browser',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    pushSubscriptionIds.set(user.id, [row.id]);
  }
  const links = createSignedLinks(TEST_SECRET, ctx.clock);
  const emailTokens = [
    links.verification({ userId: student.id, email: `${student.username}@example.com` }),
    links.unsubscribe({ userId: student.id, type: 'announcement' }),
  ];
  const fixtures: Fixtures = {
    now: ctx.clock.now(),
    password: TEST_PASSWORD,
    student,
    host,
    admin,
    webinarIds,
    registrationIds,
    announcementIds,
    notificationIds,
    deliveryIds,
    emailTokens,
    pushSubscriptionIds,
    pushKeys,
  };

  return { fixtures, senders };
}
