import type { Notification, NotificationType } from '@webinar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { storedUnreadCount } from '../../test/helpers/stored-read-state.ts';
import { inTransaction } from '../db/transaction.ts';
import { createNotificationService, type NewNotifications } from './notifications.service.ts';

const BASE = '/api/communications/notifications/';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function get(user: TestUser, url: string) {
  return ctx.as(user, { method: 'GET', url });
}

function post(user: TestUser, url: string) {
  return ctx.as(user, { method: 'POST', url });
}

/** The user's notification ids as the database orders "newest first". */
async function idsNewestFirst(userId: number): Promise<number[]> {
  const rows = await ctx.database.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

function unreadInDb(userId: number): Promise<number> {
  return storedUnreadCount(ctx.database.db, userId);
}

async function recipientsOf(title: string): Promise<number[]> {
  const rows = await ctx.database.db
    .selectFrom('notifications')
    .select('user_id')
    .where('title', '=', title)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Follows `next` from the first page to the last; returns every page. */
async function walkPages(user: TestUser, firstUrl: string): Promise<Notification[][]> {
  const pages: Notification[][] = [];
  let url: string | null = firstUrl;
  while (url !== null) {
    const response = await get(user, url);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    pages.push(body.results);
    if (body.next !== null) {
      const next = new URL(body.next, 'http://localhost');
      expect(next.searchParams.get('cursor')).toBe(body.next_cursor);
      url = `${next.pathname}${next.search}`;
    } else {
      expect(body.next_cursor).toBeNull();
      url = null;
    }
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

describe('listing my notifications', () => {
  let user: TestUser;
  const base = new Date('2026-03-01T09:00:00.000Z');

  beforeAll(async () => {
    user = await ctx.buildUser();
    // 45 rows in 9 groups of 5 that share a created_at, so page boundaries fall inside groups.
    for (let i = 0; i < 45; i++) {
      const type: NotificationType = i % 3 === 0 ? 'announcement' : 'live_started';
      await ctx.notify({
        ...simple(type, [user.id], `Item ${i}`),
        createdAt: new Date(base.getTime() + Math.floor(i / 5) * 60_000),
      });
    }
  });

  it('walks every page newest first with no duplicates or gaps, even among equal timestamps', async () => {
    const pages = await walkPages(user, `${BASE}?page_size=7`);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 7, 7, 3]);
    const ids = pages.flat().map((n) => n.id);
    expect(new Set(ids).size).toBe(45);
    expect(ids).toEqual(await idsNewestFirst(user.id));
    const times = pages.flat().map((n) => Date.parse(n.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('gives a next link, relative to the server, that keeps the page size and filters', async () => {
    const response = await get(user, `${BASE}?page_size=4&type=announcement`);
    const { next, next_cursor } = response.json();
    expect(next).toMatch(/^\/api\//);
    const url = new URL(next, 'http://localhost');
    expect(url.pathname).toBe(BASE);
    expect(url.searchParams.get('page_size')).toBe('4');
    expect(url.searchParams.get('type')).toBe('announcement');
    expect(url.searchParams.get('cursor')).toBe(next_cursor);
  });

  const forged = {
    host: 'attacker.example',
    'x-forwarded-proto': 'javascript',
    'x-forwarded-host': 'attacker.example',
  };

  it('never takes the next link from Host or X-Forwarded-* headers, even from a trusted proxy', async () => {
    const behindProxy = await ctx.buildAnotherApp({ trustProxy: ['127.0.0.1'] });
    for (const app of [ctx.app, behindProxy]) {
      const response = await app.inject({
        url: `${BASE}?page_size=4`,
        headers: { ...forged, authorization: `Bearer ${user.token}` },
      });
      expect(response.statusCode).toBe(200);
      const { next } = response.json();
      expect(next).toMatch(/^\/api\/communications\/notifications\/\?/);
      expect(next).not.toContain('attacker');
    }
  });

  it('builds absolute next links from PUBLIC_URL, whatever the request says', async () => {
    const published = await ctx.buildAnotherApp({ publicUrl: 'https://notify.example.org/webinars' });
    const response = await published.inject({
      url: `${BASE}?page_size=4`,
      headers: { ...forged, authorization: `Bearer ${user.token}` },
    });
    const { next, next_cursor } = response.json();
    expect(next).toBe(
      `https://notify.example.org/webinars${BASE}?page_size=4&cursor=${encodeURIComponent(next_cursor)}`,
    );
  });

  it('shows 20 per page by default, and honours page sizes 1 and 100', async () => {
    const byDefault = (await get(user, BASE)).json();
    expect(byDefault.results).toHaveLength(20);
    expect(byDefault.next).not.toBeNull();
    const one = (await get(user, `${BASE}?page_size=1`)).json();
    expect(one.results).toHaveLength(1);
    const all = (await get(user, `${BASE}?page_size=100`)).json();
    expect(all.results).toHaveLength(45);
    expect(all.next).toBeNull();
    expect(all.next_cursor).toBeNull();
  });

  it('filters by type across pages', async () => {
    const pages = await walkPages(user, `${BASE}?type=announcement&page_size=4`);
    const items = pages.flat();
    expect(items).toHaveLength(15);
    expect(new Set(items.map((n) => n.id)).size).toBe(15);
    expect(items.every((n) => n.notification_type === 'announcement')).toBe(true);
    expect((await get(user, `${BASE}?type=system`)).json().results).toEqual([]);
  });

  it('filters by read state, and the two filters together make the whole list', async () => {
    const someIds = (await idsNewestFirst(user.id)).slice(3, 9);
    for (const id of someIds) expect((await post(user, `${BASE}${id}/mark-read/`)).statusCode).toBe(200);

    const unread = (await walkPages(user, `${BASE}?unread=true&page_size=10`)).flat();
    const read = (await walkPages(user, `${BASE}?unread=false&page_size=10`)).flat();
    expect(unread).toHaveLength(39);
    expect(unread.every((n) => !n.is_read)).toBe(true);
    expect(read.map((n) => n.id).sort()).toEqual([...someIds].sort());
    expect(read.every((n) => n.is_read)).toBe(true);

    const unreadAnnouncements = (
      await get(user, `${BASE}?unread=true&type=announcement&page_size=100`)
    ).json();
    expect(
      unreadAnnouncements.results.every(
        (n: Notification) => !n.is_read && n.notification_type === 'announcement',
      ),
    ).toBe(true);
  });

  it('describes each notification with its fields and ISO 8601 times', async () => {
    const [first] = (await get(user, `${BASE}?page_size=1`)).json().results;
    expect(Object.keys(first).sort()).toEqual(
      [
        'actions',
        'archived_at',
        'content',
        'created_at',
        'id',
        'is_read',
        'notification_type',
        'read_at',
        'related_webinar',
        'title',
      ].sort(),
    );
    expect(first).toMatchObject({
      title: 'Item 44',
      content: 'Item 44: content',
      notification_type: 'live_started',
      related_webinar: null,
      is_read: false,
      read_at: null,
      archived_at: null,
      created_at: new Date(base.getTime() + 8 * 60_000).toISOString(),
      actions: [],
    });
  });
});

describe('a linked webinar', () => {
  it('is shown with its id, title and state, and is null when there is none', async () => {
    const host = await ctx.buildUser({ role: 'host' });
    const student = await ctx.buildUser();
    const webinarId = await ctx.buildWebinar(host.id, 'Intro to keyset pagination');
    await ctx.notify({ ...simple('live_started', [student.id], 'Live now'), webinarId });
    ctx.clock.advance(1000);
    await ctx.notify(simple('system', [student.id], 'Maintenance'));

    const [system, live] = (await get(student, BASE)).json().results;
    expect(live.related_webinar).toEqual({
      id: webinarId,
      title: 'Intro to keyset pagination',
      status: 'scheduled',
    });
    expect(system.related_webinar).toBeNull();
    expect((await get(student, `${BASE}${live.id}/`)).json().related_webinar).toEqual({
      id: webinarId,
      title: 'Intro to keyset pagination',
      status: 'scheduled',
    });
  });
});

describe('recent notifications', () => {
  it('are my 10 newest, newest first', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 13; i++) {
      ctx.clock.advance(1000);
      await ctx.notify(simple('announcement', [user.id], `Recent ${i}`));
    }
    const response = await get(user, `${BASE}recent/`);
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((n: Notification) => n.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Recent ${12 - i}`),
    );
    expect(results.map((n: Notification) => n.id)).toEqual((await idsNewestFirst(user.id)).slice(0, 10));
  });

  it('is an empty list for someone with no notifications', async () => {
    const user = await ctx.buildUser();
    expect((await get(user, `${BASE}recent/`)).json()).toEqual({ results: [] });
    expect((await get(user, BASE)).json()).toEqual({ results: [], next: null, next_cursor: null });
  });
});

describe('one notification', () => {
  let user: TestUser;
  let id: number;

  beforeAll(async () => {
    user = await ctx.buildUser();
    await ctx.notify(simple('registration_approved', [user.id], 'You are in'));
    [id] = (await idsNewestFirst(user.id)) as [number];
  });

  it('can be read by its id', async () => {
    const response = await get(user, `${BASE}${id}/`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, title: 'You are in', is_read: false, read_at: null });
  });

  it('marked read gets the time it was read, which a second mark-read keeps', async () => {
    ctx.clock.advance(60_000);
    const readAt = ctx.clock.now().toISOString();
    const response = await post(user, `${BASE}${id}/mark-read/`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, is_read: true, read_at: readAt });

    ctx.clock.advance(60_000);
    const again = await post(user, `${BASE}${id}/mark-read/`);
    expect(again.json()).toMatchObject({ is_read: true, read_at: readAt });
    expect((await get(user, `${BASE}${id}/`)).json()).toMatchObject({ is_read: true, read_at: readAt });
    expect(await unreadInDb(user.id)).toBe(0);
  });

  it('marked unread loses its read time', async () => {
    const response = await post(user, `${BASE}${id}/mark-unread/`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, is_read: false, read_at: null });
    expect((await get(user, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 1 });
  });

  it('once deleted is gone from every view', async () => {
    const response = await ctx.as(user, { method: 'DELETE', url: `${BASE}${id}/` });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await get(user, `${BASE}${id}/`)).statusCode).toBe(404);
    expect((await get(user, BASE)).json().results).toEqual([]);
    expect((await get(user, `${BASE}recent/`)).json().results).toEqual([]);
    expect((await get(user, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 0 });
    expect((await ctx.as(user, { method: 'DELETE', url: `${BASE}${id}/` })).statusCode).toBe(404);
  });
});

describe('unread count', () => {
  const URL_ = `${BASE}unread-count/`;

  it('counts my unread notifications', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 3; i++) await ctx.notify(simple('announcement', [user.id]));
    const response = await get(user, URL_);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ unread_count: 3 });
  });

  it('answers a poll with the same ETag by 304 and no body, and a changed count by 200 with a new ETag', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('announcement', [user.id]));

    const first = await get(user, URL_);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();

    const unchanged = await ctx.as(user, { url: URL_, headers: { 'if-none-match': etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.etag).toBe(etag);

    await ctx.notify(simple('announcement', [user.id]));
    const changed = await ctx.as(user, { url: URL_, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ unread_count: 2 });
    expect(changed.headers.etag).not.toBe(etag);

    await post(user, `${BASE}mark-all-read/`);
    const afterRead = await ctx.as(user, { url: URL_, headers: { 'if-none-match': changed.headers.etag } });
    expect(afterRead.statusCode).toBe(200);
    expect(afterRead.json()).toEqual({ unread_count: 0 });
  });

  it('also answers 304 when a proxy has weakened the ETag or it comes in a list', async () => {
    const user = await ctx.buildUser();
    const etag = (await get(user, URL_)).headers.etag as string;
    const weak = await ctx.as(user, { url: URL_, headers: { 'if-none-match': `W/${etag}` } });
    expect(weak.statusCode).toBe(304);
    const listed = await ctx.as(user, {
      url: URL_,
      headers: { 'if-none-match': `"something-else", ${etag}` },
    });
    expect(listed.statusCode).toBe(304);
  });
});

describe('mark all read', () => {
  it('marks every unread notification read, says how many, and keeps earlier read times', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 5; i++) await ctx.notify(simple('upcoming_webinar', [user.id]));
    const [earlier] = await idsNewestFirst(user.id);
    const earlierReadAt = (await post(user, `${BASE}${earlier}/mark-read/`)).json().read_at;

    ctx.clock.advance(5_000);
    const response = await post(user, `${BASE}mark-all-read/`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ marked_read: 4, unread_count: 0 });

    const all = (await get(user, BASE)).json().results as Notification[];
    expect(all.every((n) => n.is_read && n.read_at !== null)).toBe(true);
    expect(all.find((n) => n.id === earlier)?.read_at).toBe(earlierReadAt);
    expect(all.filter((n) => n.read_at === ctx.clock.now().toISOString())).toHaveLength(4);

    expect((await post(user, `${BASE}mark-all-read/`)).json()).toEqual({ marked_read: 0, unread_count: 0 });
  });

  it('keeps the time of the first mark-all-read that read each notification', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 2; i++) await ctx.notify(simple('announcement', [user.id]));
    const firstMark = ctx.clock.now().toISOString();
    expect((await post(user, `${BASE}mark-all-read/`)).json()).toEqual({ marked_read: 2, unread_count: 0 });

    ctx.clock.advance(60_000);
    await ctx.notify(simple('live_started', [user.id], 'Later'));
    expect((await get(user, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 1 });
    ctx.clock.advance(60_000);
    const secondMark = ctx.clock.now().toISOString();
    expect((await post(user, `${BASE}mark-all-read/`)).json()).toEqual({ marked_read: 1, unread_count: 0 });

    const all = (await get(user, BASE)).json().results as Notification[];
    expect(all.map((n) => [n.title, n.is_read, n.read_at])).toEqual([
      ['Later', true, secondMark],
      ['A announcement', true, firstMark],
      ['A announcement', true, firstMark],
    ]);
    expect((await get(user, `${BASE}?unread=true`)).json().results).toEqual([]);
    expect((await get(user, `${BASE}?unread=false`)).json().results).toHaveLength(3);
  });

  it('lets one notification be made unread again, and read again, without touching the others', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 3; i++) await ctx.notify(simple('announcement', [user.id], `Item ${i}`));
    const markedAt = ctx.clock.now().toISOString();
    await post(user, `${BASE}mark-all-read/`);
    const [, middle] = await idsNewestFirst(user.id);

    ctx.clock.advance(30_000);
    const unread = await post(user, `${BASE}${middle}/mark-unread/`);
    expect(unread.json()).toMatchObject({ id: middle, is_read: false, read_at: null });
    expect((await get(user, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 1 });
    expect((await get(user, `${BASE}?unread=true`)).json().results.map((n: Notification) => n.id)).toEqual([
      middle,
    ]);
    const others = ((await get(user, BASE)).json().results as Notification[]).filter((n) => n.id !== middle);
    expect(others.map((n) => [n.is_read, n.read_at])).toEqual([
      [true, markedAt],
      [true, markedAt],
    ]);

    ctx.clock.advance(30_000);
    const readAgain = await post(user, `${BASE}${middle}/mark-read/`);
    expect(readAgain.json()).toMatchObject({
      id: middle,
      is_read: true,
      read_at: ctx.clock.now().toISOString(),
    });
    expect(await unreadInDb(user.id)).toBe(0);
  });

  it('shows the admin panel the same read state, and lets an admin make one unread again', async () => {
    const user = await ctx.buildUser();
    const admin = await ctx.buildUser({ role: 'admin' });
    for (let i = 0; i < 3; i++) await ctx.notify(simple('announcement', [user.id], `Item ${i}`));
    await post(user, `${BASE}mark-all-read/`);
    await ctx.notify(simple('announcement', [user.id], 'Unread one'));
    const adminList = async (query: string) =>
      (
        (await ctx.as(admin, { url: `/api/admin/notifications/?user=${user.id}&${query}` })).json()
          .results as Array<{
          title: string;
          is_read: boolean;
        }>
      ).map((n) => n.title);
    expect(await adminList('is_read=false')).toEqual(['Unread one']);
    expect(await adminList('is_read=true')).toHaveLength(3);
    expect(await adminList('ordering=is_read')).toEqual(['Unread one', 'Item 2', 'Item 1', 'Item 0']);

    const [, item2] = await idsNewestFirst(user.id);
    const edited = await ctx.as(admin, {
      method: 'PATCH',
      url: `/api/admin/notifications/${item2}/`,
      payload: { is_read: false },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ is_read: false, read_at: null });
    expect((await get(user, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 2 });
    expect(await adminList('is_read=false')).toEqual(['Unread one', 'Item 2']);
  });

  it('keeps the mark-all-read time of a notification marked read once more', async () => {
    const user = await ctx.buildUser();
    await ctx.notify(simple('announcement', [user.id]));
    const markedAt = ctx.clock.now().toISOString();
    await post(user, `${BASE}mark-all-read/`);
    const [id] = await idsNewestFirst(user.id);
    ctx.clock.advance(30_000);
    expect((await post(user, `${BASE}${id}/mark-read/`)).json()).toMatchObject({
      is_read: true,
      read_at: markedAt,
    });
    expect((await get(user, `${BASE}${id}/`)).json()).toMatchObject({ is_read: true, read_at: markedAt });
  });
});

describe('preferences', () => {
  const PREFS = `${BASE}preferences/`;

  it('receive every type by default, and a partial update changes only what it names', async () => {
    const user = await ctx.buildUser();
    const initial = await get(user, PREFS);
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({
      live_started: true,
      live_ended: true,
      announcement: true,
      registration_approved: true,
      system: true,
      new_recording: true,
      upcoming_webinar: true,
    });

    const update = await ctx.as(user, {
      method: 'PUT',
      url: PREFS,
      payload: { announcement: false, new_recording: false, system: true },
    });
    expect(update.statusCode).toBe(200);
    const expected = { ...initial.json(), announcement: false, new_recording: false };
    expect(update.json()).toEqual(expected);
    expect((await get(user, PREFS)).json()).toEqual(expected);

    await ctx.as(user, { method: 'PUT', url: PREFS, payload: { new_recording: true } });
    expect((await get(user, PREFS)).json()).toEqual({ ...expected, new_recording: true });
  });

  it('a muted type is not delivered, system always is, and unmuting delivers again', async () => {
    const user = await ctx.buildUser();
    const other = await ctx.buildUser();
    await ctx.as(user, { method: 'PUT', url: PREFS, payload: { announcement: false, live_ended: false } });

    expect(await ctx.notify(simple('announcement', [user.id, other.id], 'Muted announcement'))).toBe(1);
    expect(await recipientsOf('Muted announcement')).toEqual([other.id]);
    await ctx.notify({ ...simple('live_ended', [], 'Muted for everyone'), recipients: { everyone: true } });
    expect(await recipientsOf('Muted for everyone')).not.toContain(user.id);
    expect(await recipientsOf('Muted for everyone')).toContain(other.id);
    await ctx.notify(simple('system', [user.id], 'System still arrives'));
    expect(await recipientsOf('System still arrives')).toEqual([user.id]);

    await ctx.as(user, { method: 'PUT', url: PREFS, payload: { announcement: true } });
    await ctx.notify(simple('announcement', [user.id], 'Unmuted announcement'));
    expect(await recipientsOf('Unmuted announcement')).toEqual([user.id]);
  });
});

describe('the notification service', () => {
  const service = () => createNotificationService({ bus: ctx.bus, clock: ctx.clock });
  const create = (input: NewNotifications) =>
    inTransaction(ctx.database.db, (tx) => service().createBulk(tx, input));

  async function usersWithRole(role: 'student' | 'host' | 'admin' | null): Promise<number[]> {
    let query = ctx.database.db.selectFrom('users').select('id').orderBy('id');
    if (role) query = query.where('role', '=', role);
    return (await query.execute()).map((r) => r.id);
  }

  it('notifies exactly the listed users', async () => {
    const [a, b, c, outsider] = await Promise.all([1, 2, 3, 4].map(() => ctx.buildUser()));
    const result = await create(simple('new_recording', [a!.id, b!.id, c!.id], 'Listed users'));
    expect(result).toEqual({ created: 3, firstTime: true });
    expect(await recipientsOf('Listed users')).toEqual([a!.id, b!.id, c!.id].sort((x, y) => x - y));
    expect(await recipientsOf('Listed users')).not.toContain(outsider!.id);
    expect((await get(a!, BASE)).json().results[0]).toMatchObject({ title: 'Listed users', is_read: false });
  });

  it('notifies everyone with a role, and no one else', async () => {
    await ctx.buildUser({ role: 'host' });
    await ctx.buildUser({ role: 'host' });
    await ctx.buildUser({ role: 'admin' });
    const result = await create({
      ...simple('announcement', [], 'To the hosts'),
      recipients: { role: 'host' },
    });
    const hosts = await usersWithRole('host');
    expect(hosts.length).toBeGreaterThanOrEqual(2);
    expect(result.created).toBe(hosts.length);
    expect(await recipientsOf('To the hosts')).toEqual(hosts);
  });

  it('notifies everyone but the excluded author', async () => {
    const author = await ctx.buildUser({ role: 'host' });
    const result = await create({
      ...simple('upcoming_webinar', [], 'To everyone'),
      recipients: { everyone: true },
      excludeUserIds: [author.id],
    });
    const muted = await ctx.database.db
      .selectFrom('notification_preferences')
      .select('user_id')
      .where('notification_type', '=', 'upcoming_webinar')
      .execute();
    expect(muted).toEqual([]);
    const everyone = (await usersWithRole(null)).filter((id) => id !== author.id);
    expect(result.created).toBe(everyone.length);
    expect(await recipientsOf('To everyone')).toEqual(everyone);
    expect((await get(author, BASE)).json().results).toEqual([]);
  });

  it('creates one set of notifications for an idempotency key, however often it is used', async () => {
    const [a, b] = await Promise.all([ctx.buildUser(), ctx.buildUser()]);
    const input = {
      ...simple('live_started', [a!.id, b!.id], 'Once only'),
      idempotencyKey: 'live_started:42:1',
    };
    expect(await create(input)).toEqual({ created: 2, firstTime: true });
    expect(await create(input)).toEqual({ created: 0, firstTime: false });
    expect(await recipientsOf('Once only')).toHaveLength(2);

    const concurrent = { ...input, title: 'Raced', idempotencyKey: 'live_started:42:2' };
    const results = await Promise.all(Array.from({ length: 5 }, () => create(concurrent)));
    expect(results.filter((r) => r.firstTime)).toEqual([{ created: 2, firstTime: true }]);
    expect(await recipientsOf('Raced')).toHaveLength(2);
    expect((await get(a!, `${BASE}unread-count/`)).json()).toEqual({ unread_count: 2 });
  });

  it("marks many users' notifications at once, each request changing only its own user's row", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => ctx.buildUser()));
    for (const user of users) await ctx.notify(simple('announcement', [user.id], `Mine ${user.id}`));
    const idOf = async (user: TestUser) => (await idsNewestFirst(user.id))[0]!;
    const ids = await Promise.all(users.map(idOf));
    // Each user marks their own row and tries their neighbour's, all at the same time.
    const responses = await Promise.all(
      users.flatMap((user, i) => [
        post(user, `${BASE}${ids[i]}/mark-read/`),
        post(user, `${BASE}${ids[(i + 1) % users.length]}/mark-read/`),
      ]),
    );
    responses.forEach((response, i) => {
      if (i % 2 === 0) {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ id: ids[i / 2], is_read: true });
      } else expect(response.statusCode).toBe(404);
    });
    for (const user of users) expect(await unreadInDb(user.id)).toBe(0);
  });

  it('keeps the unread count true under concurrent mark-all-read requests and new notifications', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 10; i++) await ctx.notify(simple('announcement', [user.id]));
    const work = Array.from({ length: 50 }, (_, i) => [
      post(user, `${BASE}mark-all-read/`).then((r) => {
        expect(r.statusCode).toBe(200);
        expect(r.json().unread_count).toBeGreaterThanOrEqual(0);
      }),
      ctx
        .notify(simple('live_started', [user.id], `Concurrent ${i}`))
        .then((created) => expect(created).toBe(1)),
    ]).flat();
    await Promise.all(work);

    const count = (await get(user, `${BASE}unread-count/`)).json().unread_count;
    expect(count).toBe(await unreadInDb(user.id));
    const all = (await walkPages(user, `${BASE}?page_size=100`)).flat();
    expect(all).toHaveLength(60);
    expect(all.filter((n) => !n.is_read)).toHaveLength(count);
    expect(all.every((n) => n.is_read === (n.read_at !== null))).toBe(true);
  });
});
