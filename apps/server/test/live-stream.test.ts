// The live event stream as a browser or app sees it, over a real socket: what arrives on connect,
// after each change, and after a reconnect; who may open streams and how many; and that the
// unread-count poll is answered from memory with 304 when nothing changed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Notification, STREAM_RETRY_MS } from '@webinar/contracts';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import { createNotificationService } from '../src/notifications/notifications.service.ts';
import { StreamHub } from '../src/notifications/stream/stream-hub.ts';
import { UserCache } from '../src/notifications/user-cache.ts';
import {
  type CookieSession,
  createTestContext,
  NO_BACKGROUND_JOBS,
  SESSION_COOKIE,
  simple,
  type TestContext,
  type TestUser,
} from './helpers/app.ts';
import { usePostgres } from './helpers/database.ts';
import { dataOf, openStream, type SseEvent, type SseStream } from './helpers/sse.ts';

const BASE = '/api/communications/notifications';
const STREAM = `${BASE}/stream/`;
const UNREAD = `${BASE}/unread-count/`;

// The app builds its hub itself: a spy on the first stream opened tells the test which one it is.
let appHub: StreamHub | undefined;
function hub(): StreamHub {
  if (!appHub) throw new Error('the hub has not been found');
  return appHub;
}

let ctx: TestContext;
let origin: string;
let appClosed = false;
const opened: SseStream[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ ...NO_BACKGROUND_JOBS, loginRateLimit: 1000 });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const hubOpen = vi.spyOn(StreamHub.prototype, 'open');
  const stream = await openStream(`${origin}${STREAM}`, { headers: bearer(await ctx.buildUser()) });
  await stream.next();
  stream.close();
  appHub = hubOpen.mock.contexts[0] as StreamHub;
  hubOpen.mockRestore(); // it would keep every response it saw
});
afterEach(() => {
  for (const stream of opened.splice(0)) stream.close();
});
afterAll(async () => {
  if (appClosed) await ctx.database.close();
  else await ctx.close();
});

function bearer(user: TestUser): Record<string, string> {
  return { authorization: `Bearer ${user.token}` };
}

function cookieOf(session: CookieSession): Record<string, string> {
  const cookie = Object.entries(session.cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return { cookie };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(headers: Record<string, string>, query = ''): Promise<SseStream> {
  const stream = await openStream(`${origin}${STREAM}${query}`, { headers });
  opened.push(stream);
  return stream;
}

/** A stream of `user` past its opening unread count (returned). */
async function connect(user: TestUser, headers: Record<string, string> = {}) {
  const stream = await open({ ...bearer(user), ...headers });
  expect(stream.status).toBe(200);
  const first = await stream.next();
  expect(first.event).toBe('unread_count');
  return { stream, unread: dataOf<{ unread_count: number }>(first).unread_count };
}

async function newest(user: TestUser): Promise<Notification> {
  const response = await ctx.as(user, { url: `${BASE}/recent/` });
  return response.json().results[0];
}

function count(event: SseEvent): number {
  expect(event.event).toBe('unread_count');
  return dataOf<{ unread_count: number }>(event).unread_count;
}

async function until<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    value = await probe();
  }
  return value;
}

function serverConnections(): Promise<number> {
  return new Promise((resolve, reject) =>
    ctx.app.server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
  );
}

describe('opening the stream', () => {
  it('starts with the reconnection hint and the current unread count, as an event stream', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('system', [user.id]));
    await ctx.notify(simple('announcement', [user.id]));

    const stream = await open(bearer(user));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toContain('no-cache');
    const first = await stream.next();
    expect(stream.parser.retry).toBe(STREAM_RETRY_MS);
    expect(first).toEqual({ event: 'unread_count', data: '{"unread_count":2}', id: undefined });
    expect(await stream.rest(100)).toEqual([]);
  });

  it('works with the session cookie a browser sends, and not without credentials', async () => {
    const user = await ctx.buildUser();
    const stream = await open(cookieOf(await ctx.signIn(user.username)));
    expect(stream.status).toBe(200);
    expect(count(await stream.next())).toBe(0);
    await ctx.notify(simple('system', [user.id], 'To the cookie'));
    expect(dataOf<Notification>(await stream.next()).title).toBe('To the cookie');

    const anonymous = await open({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const forged = await open({ authorization: 'Bearer not-a-token' });
    expect(forged.status).toBe(401);
    const expiredSession = await open({ cookie: `${SESSION_COOKIE}=no-such-session` });
    expect(expiredSession.status).toBe(401);
  });

  it('refuses a sixth stream of one user with 429, and accepts one again once a tab closes', async () => {
    const user = await ctx.buildUser();
    const five = await Promise.all(Array.from({ length: 5 }, () => connect(user)));
    const sixth = await open(bearer(user));
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Somebody else is not limited by this user's streams.
    await connect(await ctx.buildUser());

    five[0]?.stream.close();
    const again = await until(
      () => open(bearer(user)),
      (stream) => stream.status === 200,
    );
    expect(again.status).toBe(200);
  });

  it('forgets clients that left while their session was still being checked', async () => {
    const user = await ctx.buildUser();
    const cookie = cookieOf(await ctx.signIn(user.username));
    const before = hub().connectionCount;
    // Session lookups wait while the sessions table is locked; the clients give up meanwhile.
    await ctx.database.db.transaction().execute(async (trx) => {
      await sql`lock table sessions in access exclusive mode`.execute(trx);
      const gone = Array.from({ length: 5 }, () => {
        const request = http.request(`${origin}${STREAM}`, { agent: false, headers: cookie });
        request.on('error', () => {});
        request.end();
        setTimeout(() => request.destroy(), 100);
        return new Promise((resolve) => request.on('close', resolve));
      });
      await Promise.all(gone);
      await sleep(50);
    });
    await sleep(300); // the lookups run now, and the stream handlers after them
    expect(
      await until(
        () => hub().connectionCount,
        (n) => n === before,
      ),
    ).toBe(before);
    // None of them counts against the user's five streams.
    const five = await Promise.all(Array.from({ length: 5 }, () => open(cookie)));
    expect(five.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('refuses a Last-Event-ID that is not a position this stream sends', async () => {
    const user = await ctx.buildUser();
    for (const id of ['abc', '12.x', '1..2', `1${'.2'.repeat(65)}`]) {
      const stream = await open({ ...bearer(user), 'last-event-id': id });
      expect(stream.status).toBe(400);
      expect(await stream.json()).toMatchObject({ error: { code: 'validation_error' } });
    }
  });
});

describe('counting open streams (admins)', () => {
  async function openStreams(as: TestUser) {
    const response = await ctx.as(as, { url: '/api/admin/streams/' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ open_streams: number }>().open_streams;
  }

  it("reports this process's open streams as they open and close, to admins only", async () => {
    const admin = await ctx.buildUser({ role: 'admin' });
    const student = await ctx.buildUser();
    // Streams closed by earlier tests leave once the server sees their sockets end.
    expect(
      await until(
        () => openStreams(admin),
        (n) => n === 0,
      ),
    ).toBe(0);
    const first = await connect(student);
    await connect(student);
    expect(await openStreams(admin)).toBe(2);
    expect(hub().connectionCount).toBe(2);
    first.stream.close();
    expect(
      await until(
        () => openStreams(admin),
        (n) => n === 1,
      ),
    ).toBe(1);
    const refused = await ctx.as(student, { url: '/api/admin/streams/' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
  });
});

describe('live events', () => {
  it('delivers a new notification with a position naming it as its id, then the new unread count', async () => {
    const user = await ctx.buildUser();
    const { stream, unread } = await connect(user);
    expect(unread).toBe(0);

    await ctx.notify(simple('system', [user.id], 'Maintenance tonight'));
    const [notification, unreadCount] = await stream.take(2);
    const stored = await newest(user);
    expect(notification?.event).toBe('notification');
    expect(notification?.id).toMatch(new RegExp(`^\\d+\\.${stored.id}$`));
    expect(dataOf<Notification>(notification as SseEvent)).toEqual(stored);
    expect(stored).toMatchObject({ title: 'Maintenance tonight', is_read: false });
    expect(count(unreadCount as SseEvent)).toBe(1);
    expect(await stream.rest(100)).toEqual([]);
  });

  it('tells about read, unread and deleted notifications, each followed by the new count', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('system', [user.id], 'first'));
    await ctx.notify(simple('system', [user.id], 'second'));
    const second = await newest(user);
    const { stream, unread } = await connect(user);
    expect(unread).toBe(2);

    const steps: Array<[string, 'POST' | 'DELETE', unknown, number]> = [
      [`${BASE}/${second.id}/mark-read/`, 'POST', { ids: [second.id], change: 'read' }, 1],
      [`${BASE}/${second.id}/mark-unread/`, 'POST', { ids: [second.id], change: 'unread' }, 2],
      [`${BASE}/${second.id}/`, 'DELETE', { ids: [second.id], change: 'deleted' }, 1],
      [`${BASE}/mark-all-read/`, 'POST', { ids: 'all', change: 'read' }, 0],
    ];
    for (const [url, method, updated, unreadAfter] of steps) {
      expect((await ctx.as(user, { method, url })).statusCode).toBeLessThan(300);
      const [event, countEvent] = await stream.take(2);
      expect(event?.event).toBe('notification_updated');
      expect(event?.id).toBeUndefined();
      expect(dataOf(event as SseEvent)).toEqual(updated);
      expect(count(countEvent as SseEvent)).toBe(unreadAfter);
    }
    expect(await stream.rest(100)).toEqual([]);
  });

  it("never carries another user's events, however they interleave", async () => {
    const alice = await ctx.buildUser();
    const bob = await ctx.buildUser();
    const a = (await connect(alice)).stream;
    const b = (await connect(bob)).stream;

    for (let i = 0; i < 4; i++) {
      await ctx.notify(simple('system', [alice.id], `for alice ${i}`));
      await ctx.notify(simple('system', [bob.id], `for bob ${i}`));
      await ctx.notify(simple('announcement', [alice.id, bob.id], `for both ${i}`));
      await ctx.as(bob, { method: 'POST', url: `${BASE}/${(await newest(bob)).id}/mark-read/` });
      await ctx.as(alice, { method: 'DELETE', url: `${BASE}/${(await newest(alice)).id}/` });
    }
    await ctx.as(bob, { method: 'POST', url: `${BASE}/mark-all-read/` });
    await ctx.notify(simple('system', [alice.id], 'for alice: last'));
    await ctx.notify(simple('system', [bob.id], 'for bob: last'));

    const isLast = (event: SseEvent) =>
      event.event === 'notification' && dataOf<Notification>(event).title.endsWith(': last');
    const aliceEvents = [...(await a.until(isLast)), await a.next()];
    const bobEvents = [...(await b.until(isLast)), await b.next()];

    const notifications = (events: SseEvent[]) =>
      events.filter((e) => e.event === 'notification').map((e) => dataOf<Notification>(e));
    const aliceTitles = notifications(aliceEvents).map((n) => n.title);
    const bobTitles = notifications(bobEvents).map((n) => n.title);
    expect(aliceTitles).toHaveLength(9);
    expect(bobTitles).toHaveLength(9);
    expect(aliceTitles.every((t) => /^for (alice|both)/.test(t))).toBe(true);
    expect(bobTitles.every((t) => /^for (bob|both)/.test(t))).toBe(true);
    const aliceIds = new Set(notifications(aliceEvents).map((n) => n.id));
    const bobIds = new Set(notifications(bobEvents).map((n) => n.id));
    expect([...aliceIds].some((id) => bobIds.has(id))).toBe(false);

    // Each user's changes concern their own notifications only.
    const changes = (events: SseEvent[]) =>
      events
        .filter((e) => e.event === 'notification_updated')
        .map((e) => dataOf<{ ids: number[] | 'all'; change: string }>(e));
    expect(changes(aliceEvents).map((c) => c.change)).toEqual(Array(4).fill('deleted'));
    expect(changes(aliceEvents).every((c) => c.ids !== 'all' && c.ids.every((id) => aliceIds.has(id)))).toBe(
      true,
    );
    expect(changes(bobEvents).map((c) => c.change)).toEqual([...Array(4).fill('read'), 'read']);
    expect(changes(bobEvents).at(-1)?.ids).toBe('all');
    expect(
      changes(bobEvents)
        .slice(0, 4)
        .every((c) => c.ids !== 'all' && c.ids.every((id) => bobIds.has(id))),
    ).toBe(true);

    // The last count each stream shows is the user's own.
    const lastCount = (events: SseEvent[]) => count(events.at(-1) as SseEvent);
    const unreadOf = async (user: TestUser) =>
      (await ctx.as(user, { url: UNREAD })).json().unread_count as number;
    expect(lastCount(aliceEvents)).toBe(await unreadOf(alice));
    expect(lastCount(bobEvents)).toBe(await unreadOf(bob));
    expect(lastCount(aliceEvents)).toBe(5);
    expect(lastCount(bobEvents)).toBe(1);
  });
});

describe('resuming with Last-Event-ID', () => {
  it('gets exactly the notifications missed, oldest first, then the count, and nothing twice', async () => {
    const user = await ctx.buildUser();
    const other = await ctx.buildUser();
    const first = (await connect(user)).stream;
    await ctx.notify(simple('system', [user.id], 'seen'));
    const seen = await first.next();
    await first.next(); // its count
    first.close();

    for (const title of ['missed 1', 'missed 2', 'missed 3']) {
      await ctx.notify(simple('system', [user.id], title));
      await ctx.notify(simple('system', [other.id], `not yours: ${title}`));
    }

    for (const resume of [
      () => open({ ...bearer(user), 'last-event-id': seen.id as string }),
      () => open(bearer(user), `?last_event_id=${seen.id}`),
    ]) {
      const stream = await resume();
      expect(stream.status).toBe(200);
      const events = await stream.take(4);
      expect(events.map((e) => e.event)).toEqual([
        'notification',
        'notification',
        'notification',
        'unread_count',
      ]);
      const missed = events.slice(0, 3).map((e) => dataOf<Notification>(e));
      expect(missed.map((n) => n.title)).toEqual(['missed 1', 'missed 2', 'missed 3']);
      expect(events.slice(0, 3).map((e) => Number(e.id?.split('.').at(-1)))).toEqual(missed.map((n) => n.id));
      expect(missed.map((n) => n.id)).toEqual([...missed.map((n) => n.id)].sort((x, y) => x - y));
      expect(count(events[3] as SseEvent)).toBe(4);
      expect(await stream.rest(150)).toEqual([]);
      stream.close();
    }
  });

  it('misses nothing and repeats nothing when notifications keep coming during the resume', async () => {
    const user = await ctx.buildUser();
    const first = (await connect(user)).stream;
    await ctx.notify(simple('system', [user.id], 'seen'));
    const seenEvent = await first.next();
    const seen = dataOf<Notification>(seenEvent).id;
    first.close();

    const total = 12;
    await ctx.notify(simple('system', [user.id], 'n0'));
    const creating = (async () => {
      for (let i = 1; i <= total; i++) await ctx.notify(simple('system', [user.id], `n${i}`));
    })();
    const stream = await open({ ...bearer(user), 'last-event-id': seenEvent.id as string });
    const events = await stream.until(
      (e) => e.event === 'notification' && dataOf<Notification>(e).title === `n${total}`,
      5000,
    );
    await creating;
    const extra = await stream.rest(200);
    const titles = [...events, ...extra]
      .filter((e) => e.event === 'notification')
      .map((e) => dataOf<Notification>(e).title);
    expect(titles).toEqual(['n0', ...Array.from({ length: total }, (_, i) => `n${i + 1}`)]);
    const ids = [...events, ...extra]
      .filter((e) => e.event === 'notification')
      .map((e) => dataOf<Notification>(e).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id > seen)).toBe(true);
  });

  it.skipIf(!usePostgres)(
    'still delivers a notification whose transaction commits after a later one was delivered',
    async () => {
      const user = await ctx.buildUser();
      const { stream } = await connect(user);
      const service = createNotificationService({ bus: ctx.bus, clock: ctx.clock });
      await inTransaction(ctx.database.db, async (tx) => {
        await service.createBulk(tx, simple('announcement', [user.id], 'slow (smaller id)'));
        await ctx.notify(simple('system', [user.id], 'quick (larger id)'));
        expect(dataOf<Notification>(await stream.next()).title).toBe('quick (larger id)');
        await stream.next(); // its count
      });
      const late = await stream.next();
      expect(late.event).toBe('notification');
      expect(dataOf<Notification>(late).title).toBe('slow (smaller id)');
      expect(count(await stream.next())).toBe(2);
    },
  );

  it.skipIf(!usePostgres)(
    'gives a stream opened while an older notification is still being written that one when it commits',
    async () => {
      const user = await ctx.buildUser();
      const service = createNotificationService({ bus: ctx.bus, clock: ctx.clock });
      let stream: SseStream | undefined;
      await inTransaction(ctx.database.db, async (tx) => {
        await service.createBulk(tx, simple('announcement', [user.id], 'slow (smaller id)'));
        await ctx.notify(simple('system', [user.id], 'quick (larger id)'));
        stream = (await connect(user)).stream;
      });
      const late = await (stream as SseStream).next();
      expect(dataOf<Notification>(late).title).toBe('slow (smaller id)');
      expect(count(await (stream as SseStream).next())).toBe(2);
      expect(await (stream as SseStream).rest(150)).toEqual([]);
    },
  );

  it.skipIf(!usePostgres)(
    'resumes with a notification whose transaction committed after a later one was sent and the client left',
    async () => {
      const user = await ctx.buildUser();
      const { stream } = await connect(user);
      const service = createNotificationService({ bus: ctx.bus, clock: ctx.clock });
      let lastEventId = '';
      await inTransaction(ctx.database.db, async (tx) => {
        await service.createBulk(tx, simple('announcement', [user.id], 'slow (smaller id)'));
        await ctx.notify(simple('system', [user.id], 'quick (larger id)'));
        const quick = await stream.next();
        expect(dataOf<Notification>(quick).title).toBe('quick (larger id)');
        lastEventId = quick.id as string;
        // The client leaves before the slow one commits: its stream never sees it.
        stream.close();
        await stream.ended;
      });
      const resumed = await open({ ...bearer(user), 'last-event-id': lastEventId });
      const [missed, unread] = await resumed.take(2);
      expect(dataOf<Notification>(missed as SseEvent).title).toBe('slow (smaller id)');
      expect(count(unread as SseEvent)).toBe(2);
      expect(await resumed.rest(150)).toEqual([]);
    },
  );
});

describe('the unread-count poll', () => {
  it('answers an unchanged count with 304 and no body, a changed one with 200 and a new ETag', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('system', [user.id]));
    const get = (etag?: string) =>
      fetch(`${origin}${UNREAD}`, {
        headers: { ...bearer(user), ...(etag ? { 'if-none-match': etag } : {}) },
      });

    const first = await get();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ unread_count: 1 });
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('x-poll-interval')).toBe('30');

    const unchanged = await get(etag);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect((await get(`W/${etag}`)).status).toBe(304);

    await ctx.notify(simple('system', [user.id]));
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ unread_count: 2 });
    const newEtag = changed.headers.get('etag') as string;
    expect(newEtag).not.toBe(etag);
    expect((await get(newEtag)).status).toBe(304);

    await ctx.as(user, { method: 'POST', url: `${BASE}/mark-all-read/` });
    const afterRead = await get(newEtag);
    expect(afterRead.status).toBe(200);
    expect(await afterRead.json()).toEqual({ unread_count: 0 });
  });

  it('answers a repeated poll from memory, without a database query, until something changes', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('system', [user.id]));
    const poll = async (etag?: string) => {
      const before = ctx.queryCount();
      const response = await fetch(`${origin}${UNREAD}`, {
        headers: { ...bearer(user), ...(etag ? { 'if-none-match': etag } : {}) },
      });
      const body = await response.text();
      return { response, body, queries: ctx.queryCount() - before };
    };

    const first = await poll();
    expect(first.body).toBe('{"unread_count":1}');
    expect(first.queries).toBeGreaterThan(0); // the counter does see the query that fills the cache
    const etag = first.response.headers.get('etag') as string;
    for (let i = 0; i < 5; i++) {
      const again = await poll(i % 2 === 0 ? etag : undefined);
      expect(again.response.status).toBe(i % 2 === 0 ? 304 : 200);
      expect(again.queries).toBe(0);
    }

    await ctx.notify(simple('system', [user.id]));
    const afterChange = await poll(etag);
    expect(afterChange.response.status).toBe(200);
    expect(afterChange.body).toBe('{"unread_count":2}');
    expect(afterChange.queries).toBeGreaterThan(0);
    expect((await poll()).queries).toBe(0);
  });
});

describe('resources', () => {
  it('keeps nothing behind after 1,000 streams opened and closed, however abruptly', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => ctx.buildUser()));
    await ctx.notify(
      simple(
        'system',
        users.map((u) => u.id),
      ),
    );
    const busListeners = ctx.bus.listenerCount;
    let streamed = 0;
    const cycle = (user: TestUser, kind: number) =>
      new Promise<void>((resolve) => {
        const request = http.request(`${origin}${STREAM}`, { agent: false, headers: bearer(user) });
        request.on('error', () => resolve());
        request.on('close', () => resolve());
        request.end();
        if (kind < 4) {
          // A client that waits for its unread count and goes away.
          request.on('response', (response) => {
            let text = '';
            response.on('data', (chunk) => {
              text += chunk;
              if (!text.includes('event: unread_count')) return;
              streamed += 1;
              request.destroy();
            });
          });
        } else {
          // A client that gives up before the answer: right away, or after a millisecond.
          if (kind === 4) request.destroy();
          else setTimeout(() => request.destroy(), 1);
        }
      });
    const rounds = async (count: number) => {
      for (let round = 0; round < count; round++) {
        await Promise.all(users.flatMap((user) => [0, 1, 2, 3, 4].map((i) => cycle(user, (round + i) % 6))));
      }
    };
    // Sockets of earlier tests' fetch calls stay open (keep-alive): only streams must go.
    await until(
      () => hub().connectionCount,
      (n) => n === 0,
    );
    const idleSockets = await until(serverConnections, () => false, 300);
    const settled = async () => {
      await until(
        () => hub().connectionCount,
        (n) => n === 0,
      );
      await until(serverConnections, (n) => n <= idleSockets);
    };

    const gc = (() => {
      v8.setFlagsFromString('--expose-gc');
      return vm.runInNewContext('gc') as () => void;
    })();
    await rounds(2); // warm up: 100 cycles
    await settled();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    await rounds(18); // 900 more
    await settled();
    gc();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    console.log({ streamed, heapGrowth, idleSockets });

    expect(streamed).toBeGreaterThan(500);
    expect(hub().connectionCount).toBe(0);
    expect(hub().userCount).toBe(0);
    expect(await serverConnections()).toBeLessThanOrEqual(idleSockets);
    expect(ctx.bus.listenerCount).toBe(busListeners);
    expect(heapGrowth).toBeLessThan(8 * 1024 * 1024);
    // Nobody is left counted against the limit of five streams.
    const again = await Promise.all(
      users.slice(0, 2).flatMap((user) => [1, 2, 3, 4, 5].map(() => connect(user))),
    );
    expect(again).toHaveLength(10);
  }, 60_000);

  it('sends a comment line regularly so that proxies keep a quiet stream open, and ends streams on close', async () => {
    const user = await ctx.buildUser();
    const streams = new StreamHub({
      db: ctx.database.db,
      bus: ctx.bus,
      clock: ctx.clock,
      cache: new UserCache<number>(),
      log: ctx.app.log,
      heartbeatMs: 40,
    });
    const server = http.createServer(
      (_request, response) =>
        void streams.open(
          user.id,
          response,
          undefined,
          { expiresAtMs: Number.POSITIVE_INFINITY },
          {
            start: () => response.writeHead(200, { 'content-type': 'text/event-stream' }),
            refuse: () => response.end(),
          },
        ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(count(await stream.next())).toBe(0);
      await new Promise((r) => setTimeout(r, 250));
      expect(stream.parser.comments.filter((c) => c === 'ping').length).toBeGreaterThanOrEqual(3);
      expect(await stream.rest(0)).toEqual([]);
      streams.close();
      await stream.ended;
      expect(streams.connectionCount).toBe(0);
    } finally {
      streams.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('ends open streams when the server stops, without waiting for the clients', async () => {
    const user = await ctx.buildUser();
    const { stream } = await connect(user);
    const started = Date.now();
    appClosed = true;
    await ctx.app.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
