// Scheduled announcements with real server processes on one PostgreSQL database: two processes
// racing for the same due announcements send each exactly once; and a server that comes back
// after downtime sends the ones late by less than the grace period and marks the others missed.
// The processes run on the system clock, so "time passing while they are down" is the rows'
// send_at moved into the past while no server runs.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { insertTestCast, signInCast, TEST_SECRET } from '../helpers/app.ts';
import { createPostgresDatabase, usePostgres } from '../helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from '../helpers/server-process.ts';

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const BASE = '/api/communications/announcements/';
const EXTRA_STUDENTS = 50;
const MINUTE = 60_000;

interface Server extends ServerProcess {
  origin: string;
}

/** Polls an async `probe` until it gives a value, or fails naming `what`. */
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function stop(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

describe.skipIf(!usePostgres)('scheduled announcements on several server processes', () => {
  let created: { url: string; drop(): Promise<void> };
  let database: DatabaseHandle;
  let adminId = 0;
  const servers: Server[] = [];

  async function start(): Promise<Server> {
    const server = spawnServer({
      DATABASE_URL: created.url,
      JWT_SECRET: TEST_SECRET,
      // Each process scans every second, so both race for what is due.
      ANNOUNCEMENT_INTERVAL: '1',
      ANNOUNCEMENT_GRACE_MINUTES: '60',
      LOG_LEVEL: 'info',
      REMINDER_INTERVAL: '0',
      LOGIN_RATE_LIMIT: '1000',
      SEED_DEMO: 'false',
      WEB_DIST: '/nonexistent',
    });
    const origin = await waitFor(
      () => server.output().match(LISTENING)?.[1] ?? (server.child.exitCode === null ? undefined : 'exited'),
      60_000,
      'the server to listen',
    );
    if (origin === 'exited') throw new Error(`the server exited:\n${server.output()}`);
    const started = { ...server, origin };
    servers.push(started);
    return started;
  }

  async function usersButAuthor(): Promise<number> {
    const row = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count) - 1;
  }

  /** How many notifications each announcement made, by title. */
  async function notificationsByTitle(titles: string[]): Promise<Record<string, number>> {
    const rows = await database.db
      .selectFrom('notifications')
      .select(['title', (eb) => eb.fn.countAll<number>().as('count')])
      .where('notification_type', '=', 'announcement')
      .where('title', 'in', titles)
      .groupBy('title')
      .execute();
    return Object.fromEntries(titles.map((t) => [t, Number(rows.find((r) => r.title === t)?.count ?? 0)]));
  }

  async function states(ids: number[]): Promise<string[]> {
    const rows = await database.db
      .selectFrom('announcements')
      .select(['id', 'state'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.state);
  }

  /** A scheduled announcement written straight into the table, due at `sendAt`. */
  async function insertScheduled(title: string, sendAt: Date): Promise<number> {
    const row = await database.db
      .insertInto('announcements')
      .values({
        title,
        content: 'Straight into the table.',
        author_id: adminId,
        send_at: sendAt,
        state: 'scheduled',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: created.url });
    await migrateToLatest(database.db);
    adminId = (await insertTestCast(database.db)).admin;
    await sql`insert into users (username, email, display_name, password_hash, role)
      select 'student' || n, 'student' || n || '@example.com', 'Student ' || n, 'x', 'student'
      from generate_series(1, ${EXTRA_STUDENTS}) n`.execute(database.db);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await database?.close();
    await created?.drop();
  }, 30_000);

  it('two processes send each of several due announcements exactly once', async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const tokens = await signInCast(one.origin);
    const sendAt = new Date(Date.now() + 3000).toISOString();
    const titles: string[] = [];
    const ids: number[] = [];
    // Scheduled through either process (each arms its own timer for its own)...
    for (const [i, server] of [one, two, one, two].entries()) {
      const title = `Race through the API ${i}`;
      const response = await fetch(`${server.origin}${BASE}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, content: 'Soon.', send_at: sendAt }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      ids.push(((await response.json()) as { announcement: { id: number } }).announcement.id);
      titles.push(title);
    }
    // ...and already due when written, found by both processes' periodic scans.
    for (let i = 0; i < 6; i++) {
      const title = `Race from the table ${i}`;
      ids.push(await insertScheduled(title, new Date()));
      titles.push(title);
    }

    await eventually(
      async () => ((await states(ids)).every((state) => state === 'sent') ? true : undefined),
      30_000,
      'every announcement to be sent',
    );
    const expected = await usersButAuthor();
    expect(await notificationsByTitle(titles)).toEqual(Object.fromEntries(titles.map((t) => [t, expected])));
    // Each was sent by one process: the two logs together name each once.
    const sentLines = [one, two].flatMap((server) =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('sent a scheduled announcement')),
    );
    expect(sentLines).toHaveLength(ids.length);
    console.log(
      `lateness of each send (ms): ${sentLines.map((line) => JSON.parse(line).late_ms).join(', ')}`,
    );
    await Promise.all([stop(one), stop(two)]);
  }, 120_000);

  it('after downtime, sends one late by less than the grace period once, and marks one later missed', async () => {
    // While no server runs, two announcements' times pass: one 20 minutes ago, one 2 hours ago;
    // a third is still ahead.
    const late = await insertScheduled('Late but within grace', new Date(Date.now() - 20 * MINUTE));
    const tooLate = await insertScheduled('Too late', new Date(Date.now() - 120 * MINUTE));
    const ahead = await insertScheduled('Still ahead', new Date(Date.now() + 60 * MINUTE));

    const [one, two] = await Promise.all([start(), start()]);
    await eventually(
      async () => {
        const [a, b] = await states([late, tooLate]);
        return a === 'sent' && b === 'missed' ? true : undefined;
      },
      30_000,
      'the late one sent and the other missed',
    );
    expect(await states([ahead])).toEqual(['scheduled']);
    expect(await notificationsByTitle(['Late but within grace', 'Too late'])).toEqual({
      'Late but within grace': await usersButAuthor(),
      'Too late': 0,
    });
    const warnings = [one, two].flatMap((server) =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('scheduled announcement missed')),
    );
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? '{}')).toMatchObject({ level: 40, announcement: tooLate });

    // An admin sees it missed and sends it now: once.
    const tokens = await signInCast(one.origin);
    const listed = await fetch(`${two.origin}${BASE}${tooLate}/`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(await listed.json()).toMatchObject({ state: 'missed', sent_at: null });
    const sent = await fetch(`${two.origin}${BASE}${tooLate}/send/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(sent.status).toBe(200);
    expect(await notificationsByTitle(['Too late'])).toEqual({ 'Too late': await usersButAuthor() });
  }, 120_000);
});
