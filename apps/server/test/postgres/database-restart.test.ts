// PostgreSQL restarted under two running server processes with live streams open, on a server of
// the test's own (the shared one is never restarted): while it is down every request that needs it
// gets 503 with Retry-After (a new stream too) and /readyz says not ready; once it is back, every
// stream ends up with every notification of its user made on either process around the outage,
// none twice, while the processes' listeners reconnect at their own pace.
import type { Notification } from '@webinar/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { insertTestCast, signInCast, TEST_SECRET } from '../helpers/app.ts';
import { databaseUrlFor, usePostgres } from '../helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from '../helpers/server-process.ts';
import { dataOf, openStream, type SseStream } from '../helpers/sse.ts';
import {
  createThrowawayPostgres,
  findPostgresBin,
  type ThrowawayPostgres,
} from '../helpers/throwaway-postgres.ts';

const NOTIFICATIONS = '/api/communications/notifications';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const postgresBin = findPostgresBin();

interface Server extends ServerProcess {
  origin: string;
  name: string;
}

async function startServer(name: string, databaseUrl: string): Promise<Server> {
  const server = spawnServer({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'info',
    REMINDER_INTERVAL: '0',
    LOGIN_RATE_LIMIT: '1000',
    SEED_DEMO: 'false',
    WEB_DIST: '/nonexistent',
  });
  const origin = await waitFor(
    () => LISTENING.exec(server.output())?.[1] ?? (server.child.exitCode === null ? undefined : 'exited'),
    90_000,
    `server ${name} to listen`,
  );
  if (origin === 'exited') throw new Error(`server ${name} exited:\n${server.output()}`);
  return { ...server, origin, name };
}

async function stop(server: ServerProcess | undefined) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

const logLines = (server: Server, message: RegExp) =>
  server
    .output()
    .split('\n')
    .filter((line) => message.test(line));

describe.skipIf(!usePostgres)('PostgreSQL restarted under two server processes', () => {
  if (!postgresBin) {
    it.skip('needs PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin', () => {});
    return;
  }
  let postgres: ThrowawayPostgres;
  let database: DatabaseHandle;
  let one: Server;
  let two: Server;
  const users = { admin: { id: 0, token: '' }, alice: { id: 0, token: '' }, bob: { id: 0, token: '' } };
  const streams: Array<{ user: 'alice' | 'bob'; on: string; stream: SseStream }> = [];

  beforeAll(async () => {
    postgres = await createThrowawayPostgres(postgresBin);
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database app');
    await admin.end();
    const url = databaseUrlFor(postgres.url, 'app');
    database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await migrateToLatest(database.db);
    const ids = await insertTestCast(database.db);
    for (const name of ['admin', 'alice', 'bob'] as const) users[name].id = ids[name];
    [one, two] = await Promise.all([startServer('one', url), startServer('two', url)]);
    const tokens = await signInCast(one.origin);
    for (const name of ['admin', 'alice', 'bob'] as const) users[name].token = tokens[name];
  }, 180_000);

  afterAll(async () => {
    for (const { stream } of streams) stream.close();
    await Promise.all([stop(one), stop(two)]);
    await database?.close().catch(() => {});
    await postgres?.destroy();
  }, 60_000);

  const request = (server: Server, user: keyof typeof users, method: string, path: string, body?: unknown) =>
    fetch(`${server.origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${users[user].token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const notifyBoth = (server: Server, title: string) =>
    request(server, 'admin', 'POST', '/api/admin/notifications/', {
      user_ids: [users.alice.id, users.bob.id],
      notification_type: 'system',
      title,
      content: title,
    });

  it('answers 503 while it is down and loses no notification once it is back', async () => {
    for (const server of [one, two]) {
      for (const user of ['alice', 'bob'] as const) {
        const stream = await openStream(`${server.origin}${NOTIFICATIONS}/stream/`, {
          headers: { authorization: `Bearer ${users[user].token}` },
        });
        expect(stream.status).toBe(200);
        expect((await stream.next(15_000)).event).toBe('unread_count');
        streams.push({ user, on: server.name, stream });
      }
    }
    for (const server of [one, two])
      expect((await notifyBoth(server, `before, via ${server.name}`)).status).toBe(201);

    await postgres.stop();
    for (const server of [one, two]) {
      // Every request that needs the database (the unread count may come from memory),
      // repeatedly: 503, never a 500.
      for (let i = 0; i < 3; i++) {
        const answers = [
          await request(server, 'alice', 'GET', `${NOTIFICATIONS}/?type=system`),
          await request(server, 'alice', 'POST', `${NOTIFICATIONS}/mark-all-read/`),
          await notifyBoth(server, 'during the outage'),
        ];
        for (const answer of answers) {
          expect(answer.status).toBe(503);
          expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
            'database_unavailable',
          );
        }
      }
      // A new stream is refused, not accepted and then cut.
      const refused = await openStream(`${server.origin}${NOTIFICATIONS}/stream/`, {
        headers: { authorization: `Bearer ${users.bob.token}` },
      });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      expect((await fetch(`${server.origin}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
      // Said once per kind of failure, not once per request, and never as an unhandled error.
      expect(logLines(server, /database unavailable/).length).toBeGreaterThanOrEqual(1);
      expect(logLines(server, /database unavailable/).length).toBeLessThanOrEqual(4);
      expect(logLines(server, /unhandled error/)).toEqual([]);
    }

    const reconnections = (server: Server) => logLines(server, /event bus listener reconnected/).length;
    const before = { one: reconnections(one), two: reconnections(two) };
    await postgres.start();
    // Notifications made on both processes, in turn, from the moment the database takes requests
    // again until both listeners are back (each at its own backoff), and a few after.
    let made = 0;
    let after = 0;
    for (let turn = 0; after < 4; turn++) {
      const server = turn % 2 === 0 ? one : two;
      const answer = await notifyBoth(server, `around the restart ${turn}, via ${server.name}`);
      expect([201, 503]).toContain(answer.status);
      if (answer.status === 201) made++;
      else await new Promise((r) => setTimeout(r, 50));
      if (reconnections(one) > before.one && reconnections(two) > before.two) after++;
      expect(turn).toBeLessThan(5000);
    }
    expect(made).toBeGreaterThanOrEqual(4);

    // Every stream gets every notification of its user, once.
    const truth = new pg.Client({ connectionString: databaseUrlFor(postgres.url, 'app') });
    await truth.connect();
    const expected = { alice: [] as number[], bob: [] as number[] };
    try {
      for (const user of ['alice', 'bob'] as const) {
        const { rows } = await truth.query<{ id: string }>(
          'select id from notifications where user_id = $1 order by id',
          [users[user].id],
        );
        expected[user] = rows.map((row) => Number(row.id));
      }
    } finally {
      await truth.end();
    }
    expect(expected.alice.length).toBe(made + 2);
    for (const { user, on, stream } of streams) {
      const ids = () =>
        stream.received.filter((e) => e.event === 'notification').map((e) => dataOf<Notification>(e).id);
      await waitFor(
        () => (ids().length >= expected[user].length ? true : undefined),
        30_000,
        `${user}'s stream on ${on} to receive all ${expected[user].length} notifications (has ${ids().length})`,
      ).catch(() => {});
      const received = ids();
      expect(new Set(received).size, `${user} on ${on}: no duplicate`).toBe(received.length);
      expect(
        [...received].sort((a, b) => a - b),
        `${user} on ${on}: all of them`,
      ).toEqual(expected[user]);
    }
  }, 240_000);
});
