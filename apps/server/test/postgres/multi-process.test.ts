// Several server processes on one PostgreSQL database, as `WORKERS=N` or a load balancer runs
// them: what one process does reaches the live streams and unread-count polls of the others,
// also after a process lost its LISTEN connection; and the cluster mode starts as documented.
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { CSRF_HEADER, type Notification } from '@webinar/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { insertTestCast, signInCast, TEST_PASSWORD, TEST_SECRET } from '../helpers/app.ts';
import { createPostgresDatabase, usePostgres } from '../helpers/database.ts';
import { freePort } from '../helpers/free-port.ts';
import { total } from '../helpers/prometheus.ts';
import { type ServerProcess, spawnServer as spawnProcess, waitFor } from '../helpers/server-process.ts';
import { dataOf, endsWithin, openStream, type SseEvent, type SseStream } from '../helpers/sse.ts';

const NOTIFICATIONS = '/api/communications/notifications';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

interface Server extends ServerProcess {
  origin: string;
}

function spawnServer(env: Record<string, string>): ServerProcess {
  return spawnProcess({
    LOG_LEVEL: 'info',
    REMINDER_INTERVAL: '0',
    LOGIN_RATE_LIMIT: '1000',
    SEED_DEMO: 'false',
    WEB_DIST: '/nonexistent',
    ...env,
  });
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/g;

async function startServer(env: Record<string, string>): Promise<Server> {
  const started = spawnServer(env);
  const origin = await waitFor(
    () =>
      [...started.output().matchAll(LISTENING)][0]?.[1] ??
      (started.child.exitCode === null ? undefined : 'exited'),
    60_000,
    'the server to listen',
  );
  if (origin === 'exited') throw new Error(`the server exited:\n${started.output()}`);
  return { ...started, origin };
}

/** Runs a command of the command line against `databaseUrl`; resolves with its exit code and output. */
function runCli(databaseUrl: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/webinar-notify.js', ...args],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

async function stop(server: ServerProcess | undefined) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

async function call(
  origin: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${origin}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe.skipIf(!usePostgres)('two server processes on one PostgreSQL database', () => {
  let created: { url: string; drop(): Promise<void> };
  let database: DatabaseHandle;
  let one: Server;
  let two: Server;
  const users = { admin: { id: 0, token: '' }, alice: { id: 0, token: '' }, bob: { id: 0, token: '' } };
  const bobsUnreadCount = (server: Server, etag?: string) =>
    call(
      server.origin,
      users.bob.token,
      'GET',
      `${NOTIFICATIONS}/unread-count/`,
      undefined,
      etag ? { 'if-none-match': etag } : {},
    );
  const streams: SseStream[] = [];

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: created.url });
    await migrateToLatest(database.db);
    const ids = await insertTestCast(database.db);
    for (const name of ['admin', 'alice', 'bob'] as const) users[name].id = ids[name];
    // Process one names its connections, so the test can cut exactly its LISTEN connection.
    [one, two] = await Promise.all([
      startServer({ DATABASE_URL: `${created.url}?application_name=server-one`, JWT_SECRET: TEST_SECRET }),
      startServer({ DATABASE_URL: created.url, JWT_SECRET: TEST_SECRET }),
    ]);
    const tokens = await signInCast(one.origin);
    for (const name of ['admin', 'alice', 'bob'] as const) users[name].token = tokens[name];
  }, 90_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([stop(one), stop(two)]);
    await database?.close();
    await created?.drop();
  }, 30_000);

  async function connect(server: Server, user: keyof typeof users): Promise<SseStream> {
    const stream = await openStream(`${server.origin}${NOTIFICATIONS}/stream/`, {
      headers: { authorization: `Bearer ${users[user].token}` },
    });
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect((await stream.next(5000)).event).toBe('unread_count');
    return stream;
  }

  function sendAsAdmin(server: Server, userIds: number[], title: string): Promise<Response> {
    return call(server.origin, users.admin.token, 'POST', '/api/admin/notifications/', {
      user_ids: userIds,
      notification_type: 'system',
      title,
      content: `${title}: content`,
    });
  }

  const titleOf = (event: SseEvent) =>
    event.event === 'notification' ? dataOf<Notification>(event).title : '';

  // Latency is the benchmark's to measure (bench/lib/streams.ts): a wall-clock bound here would
  // fail on a busy machine.
  it('delivers a notification made through one process to a stream held on the other', async () => {
    for (const [holder, sender, title] of [
      [one, two, 'from two to one'],
      [two, one, 'from one to two'],
    ] as const) {
      const stream = await connect(holder, 'alice');
      expect((await sendAsAdmin(sender, [users.alice.id], title)).status).toBe(201);
      const [notification, unread] = await stream.take(2, 10_000);
      expect(titleOf(notification as SseEvent)).toBe(title);
      // Its SSE id is the stream's position, which names it.
      expect(notification?.id?.split('.').at(-1)).toBe(
        String(dataOf<Notification>(notification as SseEvent).id),
      );
      expect(unread?.event).toBe('unread_count');
      stream.close();
    }
  });

  it('delivers an announcement to the streams on both processes', async () => {
    const aliceOnOne = await connect(one, 'alice');
    const bobOnTwo = await connect(two, 'bob');
    const aliceOnTwo = await connect(two, 'alice');
    const response = await call(one.origin, users.admin.token, 'POST', '/api/communications/announcements/', {
      title: 'Platform news',
      content: 'Everybody gets this.',
    });
    expect(response.status).toBe(201);
    for (const stream of [aliceOnOne, bobOnTwo, aliceOnTwo]) {
      const event = await stream.next(1000);
      expect(titleOf(event)).toBe('Platform news');
      expect(dataOf<Notification>(event).notification_type).toBe('announcement');
      expect((await stream.next(1000)).event).toBe('unread_count');
    }
    // Alice's two streams show the same notification; Bob's is his own.
    const idOf = (stream: SseStream) => {
      const event = stream.received.find((e) => e.event === 'notification');
      return event && dataOf<Notification>(event).id;
    };
    expect(idOf(aliceOnOne)).toBe(idOf(aliceOnTwo));
    expect(idOf(bobOnTwo)).not.toBe(idOf(aliceOnOne));
  });

  it("answers a poll with the new count after a change made on the other process (each one's cache follows)", async () => {
    for (const [poller, changer, change] of [
      [one, two, 'create'],
      [two, one, 'create'],
      [one, two, 'read all'],
      [two, one, 'create'],
    ] as const) {
      const first = await bobsUnreadCount(poller);
      const etag = first.headers.get('etag') as string;
      const before = ((await first.json()) as { unread_count: number }).unread_count;
      expect((await bobsUnreadCount(poller, etag)).status).toBe(304);

      if (change === 'create')
        expect((await sendAsAdmin(changer, [users.bob.id], 'poll me')).status).toBe(201);
      else
        expect(
          (await call(changer.origin, users.bob.token, 'POST', `${NOTIFICATIONS}/mark-all-read/`)).status,
        ).toBe(200);

      const expected = change === 'create' ? before + 1 : 0;
      const deadline = Date.now() + 5000; // the other process hears of it through PostgreSQL: quick, unless the machine is busy
      let answer = await bobsUnreadCount(poller, etag);
      while (answer.status === 304 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        answer = await bobsUnreadCount(poller, etag);
      }
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ unread_count: expected });
      expect(answer.headers.get('etag')).not.toBe(etag);
    }
  });

  it('passes quick changes made on one process to the other in the order they happened', async () => {
    const stream = await connect(one, 'bob');
    expect((await sendAsAdmin(two, [users.bob.id], 'toggle me')).status).toBe(201);
    const id = dataOf<Notification>(
      (await stream.until((e) => titleOf(e) === 'toggle me', 1000)).at(-1) as SseEvent,
    ).id;
    const actions = ['mark-read', 'mark-unread', 'mark-read', 'mark-unread', 'mark-read'];
    for (const action of actions) {
      expect(
        (await call(two.origin, users.bob.token, 'POST', `${NOTIFICATIONS}/${id}/${action}/`)).status,
      ).toBe(200);
    }
    const changes: string[] = [];
    while (changes.length < actions.length) {
      const event = await stream.next(1000);
      if (event.event === 'notification_updated') changes.push(dataOf<{ change: string }>(event).change);
    }
    expect(changes).toEqual(['read', 'unread', 'read', 'unread', 'read']);
  });

  it('catches up a stream when its process lost the PostgreSQL connection it listens on, and keeps serving', async () => {
    const stream = await connect(one, 'alice');
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    try {
      const database = new URL(created.url).pathname.slice(1);
      const terminated = await admin.query(
        `select pg_terminate_backend(pid) as done from pg_stat_activity
         where datname = $1 and application_name = 'server-one' and query ilike 'LISTEN%'`,
        [database],
      );
      expect(terminated.rowCount).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
    }
    // Sent while process one does not listen: its NOTIFY reaches no one there.
    expect((await sendAsAdmin(two, [users.alice.id], 'sent during the outage')).status).toBe(201);
    const events = await stream.until((e) => titleOf(e) === 'sent during the outage', 5000);
    expect(events.filter((e) => e.event === 'notification')).toHaveLength(1);
    await waitFor(
      () => (/listener reconnected/.test(one.output()) ? true : undefined),
      5000,
      'the reconnection',
    );

    // Still serving, with a correct count (its cache was dropped on resync), and listening again.
    expect((await fetch(`${one.origin}/healthz`)).status).toBe(200);
    const count = await call(one.origin, users.alice.token, 'GET', `${NOTIFICATIONS}/unread-count/`);
    const direct = await call(two.origin, users.alice.token, 'GET', `${NOTIFICATIONS}/unread-count/`);
    expect(await count.json()).toEqual(await direct.json());
    expect((await sendAsAdmin(two, [users.alice.id], 'after the outage')).status).toBe(201);
    expect(titleOf((await stream.until((e) => e.event === 'notification', 1000)).at(-1) as SseEvent)).toBe(
      'after the outage',
    );
  });

  it('keeps serving when PostgreSQL ends every connection the process holds (a restart, an administrator)', async () => {
    // Idle connections in the pool first: a few requests at once check out several.
    await Promise.all(
      Array.from({ length: 4 }, () =>
        call(one.origin, users.bob.token, 'GET', `${NOTIFICATIONS}/?unread=true`),
      ),
    );
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    try {
      const terminated = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = $1 and application_name = 'server-one'`,
        [new URL(created.url).pathname.slice(1)],
      );
      expect(terminated.rowCount).toBeGreaterThanOrEqual(3);
    } finally {
      await admin.end();
    }
    await waitFor(
      () => (/database connection failed while idle/.test(one.output()) ? true : undefined),
      5000,
      'the failed connections to be reported',
    );

    expect(one.child.exitCode).toBeNull();
    expect((await fetch(`${one.origin}/readyz`)).status).toBe(200);
    const count = await call(one.origin, users.bob.token, 'GET', `${NOTIFICATIONS}/unread-count/`);
    expect(count.status).toBe(200);
    expect(await count.json()).toEqual(
      await (await call(two.origin, users.bob.token, 'GET', `${NOTIFICATIONS}/unread-count/`)).json(),
    );
    expect((await sendAsAdmin(one, [users.bob.id], 'after every connection ended')).status).toBe(201);
  });

  it('ends a stream held on one process when its session signs out through the other, and sends it nothing after', async () => {
    const login = await fetch(`${one.origin}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
    const stream = await openStream(`${two.origin}${NOTIFICATIONS}/stream/`, { headers: { cookie } });
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect((await stream.next(5000)).event).toBe('unread_count');

    const logout = await fetch(`${one.origin}/api/auth/logout/`, {
      method: 'POST',
      headers: { cookie, [CSRF_HEADER]: csrf },
    });
    expect(logout.status).toBe(204);
    expect(await endsWithin(stream, 5000)).toBe(true);
    expect((await sendAsAdmin(one, [users.alice.id], 'after signing out')).status).toBe(201);
    expect(stream.received.filter((e) => e.event === 'notification')).toEqual([]);
  });

  it('applies a role changed with the command line to the next request on every process, and ends the streams', async () => {
    const adminList = (server: Server) =>
      call(server.origin, users.bob.token, 'GET', '/api/admin/notifications/');
    const held = [await connect(one, 'bob'), await connect(two, 'bob')];
    for (const server of [one, two]) expect((await adminList(server)).status).toBe(403);
    try {
      const changed = await runCli(created.url, ['set-role', '--username', 'bob', '--role', 'admin']);
      expect(changed.output).toContain('bob is now an admin');
      expect(changed.code).toBe(0);
      // Each process heard of it: its stream of Bob's ended.
      for (const stream of held) expect(await endsWithin(stream, 5000)).toBe(true);
      // The same token as before, with the new role.
      for (const server of [one, two]) expect((await adminList(server)).status).toBe(200);
    } finally {
      expect((await runCli(created.url, ['set-role', '--username', 'bob', '--role', 'student'])).code).toBe(
        0,
      );
    }
    for (const server of [one, two]) {
      const deadline = Date.now() + 5000;
      let status = (await adminList(server)).status;
      while (status !== 403 && Date.now() < deadline) status = (await adminList(server)).status;
      expect(status).toBe(403);
    }
  }, 60_000);

  it("never answers a user's unread count older than the state their own mark-all-read was given, on the other process", async () => {
    for (let round = 1; round <= 5; round++) {
      expect((await sendAsAdmin(one, [users.bob.id], `round ${round}`)).status).toBe(201);
      // Process two holds Bob's count, the new notification in it, in memory.
      let before = 0;
      const deadline = Date.now() + 5000;
      while (before === 0 && Date.now() < deadline)
        before = ((await (await bobsUnreadCount(two)).json()) as { unread_count: number }).unread_count;
      expect(before).toBeGreaterThan(0);

      const marked = await call(one.origin, users.bob.token, 'POST', `${NOTIFICATIONS}/mark-all-read/`);
      expect(marked.status).toBe(200);
      const version = marked.headers.get('notifications-version');
      expect(version).toMatch(/^\d+$/);
      const answer = await bobsUnreadCount(two, `"unread-0-${version}"`);
      if (answer.status === 200) expect(await answer.json()).toEqual({ unread_count: 0 });
      else expect(answer.status, `round ${round}`).toBe(304);
    }
  });

  it('runs WORKERS=2 server processes on one port that both serve requests, with metrics of both added up', async () => {
    const metricsPort = await freePort();
    const cluster = spawnServer({
      DATABASE_URL: created.url,
      JWT_SECRET: TEST_SECRET,
      WORKERS: '2',
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: METRICS_TOKEN,
    });
    try {
      const lines = await waitFor(
        () => {
          const found = [...cluster.output().matchAll(LISTENING)];
          return found.length >= 2 ? found : undefined;
        },
        60_000,
        'two workers to listen',
      );
      expect(cluster.output()).toMatch(/\(worker 1\)/);
      expect(cluster.output()).toMatch(/\(worker 2\)/);
      const origin = lines[0]?.[1] as string;
      expect(lines[1]?.[1]).toBe(origin);
      // One connection per request: the primary hands connections to the workers in turn.
      const get = () =>
        new Promise<number>((resolve, reject) => {
          http
            .get(
              `${origin}${NOTIFICATIONS}/unread-count/`,
              { agent: false, headers: { authorization: `Bearer ${users.alice.token}` } },
              (response) => {
                response.resume();
                response.on('end', () => resolve(response.statusCode ?? 0));
              },
            )
            .on('error', reject);
        });
      const answers: number[] = [];
      for (let i = 0; i < 10; i++) answers.push(await get());
      expect(answers).toEqual(Array(10).fill(200));
      const servedBy = new Set(
        cluster
          .output()
          .split('\n')
          .filter((line) => line.includes('request completed'))
          .map((line) => (JSON.parse(line) as { pid: number }).pid),
      );
      expect(servedBy.size).toBe(2);
      // The primary's metrics port and /metrics on any worker both give the sum over the workers.
      const unreadCounts = (text: string) =>
        total(text, 'http_request_duration_seconds_count', {
          route: `${NOTIFICATIONS}/unread-count/`,
          status: '200',
        });
      const fromPrimary = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(unreadCounts(fromPrimary)).toBe(10);
      expect(total(fromPrimary, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${origin}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}`, connection: 'close' },
        });
        expect(response.status).toBe(200);
        expect(unreadCounts(await response.text())).toBe(10);
      }
      cluster.child.kill('SIGTERM');
      expect(await cluster.exited).toBe(0);
    } finally {
      await stop(cluster);
    }
  }, 60_000);

  it('stops on SIGTERM with open streams: they end and the process exits 0', async () => {
    const stream = await connect(one, 'bob');
    one.child.kill('SIGTERM');
    await stream.ended;
    expect(await one.exited).toBe(0);
  });
});

describe('WORKERS without PostgreSQL', () => {
  it('refuses to start more than one process on the embedded database, naming WORKERS', async () => {
    const server = spawnServer({ DATABASE_URL: '', JWT_SECRET: '', DATA_DIR: 'memory://', WORKERS: '2' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/WORKERS/);
    expect(server.output()).toMatch(/DATABASE_URL/);
  }, 30_000);
});
