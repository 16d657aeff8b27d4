// The newest notifications and the unread count are kept in memory per user: a repeated poll
// costs no query, and no change, whoever makes it, ever leaves a stale list or count behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  NO_BACKGROUND_JOBS,
  simple,
  type TestContext,
  type TestUser,
} from '../../test/helpers/app.ts';

const BASE = '/api/communications/notifications';

describe('cached lists and counts', () => {
  let ctx: TestContext;
  let alice: TestUser;
  let host: TestUser;
  let admin: TestUser;
  let webinarId: number;

  beforeAll(async () => {
    ctx = await createTestContext(NO_BACKGROUND_JOBS);
    alice = await ctx.buildUser();
    host = await ctx.buildUser({ role: 'host' });
    admin = await ctx.buildUser({ role: 'admin' });
    webinarId = await ctx.buildWebinar(host.id, 'Original title');
    await ctx.notify({ ...simple('live_started', [alice.id], 'About the webinar'), webinarId });
  });
  afterAll(() => ctx.close());

  const get = (url: string) => ctx.as(alice, { url });
  const titles = async (url: string) =>
    ((await get(url)).json().results as Array<{ title: string }>).map((n) => n.title);

  it('answers a repeated poll of the list, recent and the count without a query', async () => {
    await get(`${BASE}/`);
    await get(`${BASE}/recent/`);
    await get(`${BASE}/unread-count/`);
    const before = ctx.queryCount();
    expect((await get(`${BASE}/`)).statusCode).toBe(200);
    expect((await get(`${BASE}/recent/`)).statusCode).toBe(200);
    expect((await get(`${BASE}/?unread=true`)).statusCode).toBe(200);
    expect((await get(`${BASE}/unread-count/`)).statusCode).toBe(200);
    // The unread list too: alice's one unread notification is among her cached newest.
    expect(ctx.queryCount()).toBe(before);
  });

  it('answers the unread list from the newest rows only when they hold every unread one', async () => {
    const bob = await ctx.buildUser();
    for (let i = 1; i <= 30; i++) await ctx.notify(simple('system', [bob.id], `Note ${i}`));
    const asBob = (url: string) => ctx.as(bob, { url });
    const newestFirst = ((await asBob(`${BASE}/?page_size=50`)).json().results as Array<{ id: number }>).map(
      (n) => n.id,
    );
    // The ten newest are read: 20 unread rows remain, only 11 of them among the newest 21.
    for (const id of newestFirst.slice(0, 10))
      await ctx.as(bob, { method: 'POST', url: `${BASE}/${id}/mark-read/` });
    const unreadIds = newestFirst.slice(10);
    await asBob(`${BASE}/`);
    expect((await asBob(`${BASE}/unread-count/`)).json().unread_count).toBe(20);

    let before = ctx.queryCount();
    const firstPage = (await asBob(`${BASE}/?unread=true&page_size=15`)).json();
    expect(ctx.queryCount()).toBeGreaterThan(before);
    expect(firstPage.results.map((n: { id: number }) => n.id)).toEqual(unreadIds.slice(0, 15));
    const secondPage = (
      await asBob(`${BASE}/?unread=true&page_size=15&cursor=${firstPage.next_cursor}`)
    ).json();
    expect(secondPage.results.map((n: { id: number }) => n.id)).toEqual(unreadIds.slice(15));
    expect(secondPage.next_cursor).toBeNull();

    // Once the older unread ones are read, the newest rows hold them all: no query.
    for (const id of unreadIds.slice(11))
      await ctx.as(bob, { method: 'POST', url: `${BASE}/${id}/mark-read/` });
    await asBob(`${BASE}/`);
    expect((await asBob(`${BASE}/unread-count/`)).json().unread_count).toBe(11);
    before = ctx.queryCount();
    const derived = (await asBob(`${BASE}/?unread=true`)).json();
    expect(ctx.queryCount()).toBe(before);
    expect(derived.results.map((n: { id: number }) => n.id)).toEqual(unreadIds.slice(0, 11));
    expect(derived.next_cursor).toBeNull();
  });

  it('shows a new notification at once', async () => {
    await titles(`${BASE}/`);
    await ctx.notify(simple('system', [alice.id], 'Fresh news'));
    expect((await titles(`${BASE}/`))[0]).toBe('Fresh news');
    expect((await titles(`${BASE}/recent/`))[0]).toBe('Fresh news');
    expect(await titles(`${BASE}/?unread=true`)).toContain('Fresh news');
  });

  it("reflects the user's own read, unread and delete at once", async () => {
    const [first] = (await get(`${BASE}/`)).json().results as Array<{ id: number }>;
    await ctx.as(alice, { method: 'POST', url: `${BASE}/${first!.id}/mark-read/` });
    expect((await get(`${BASE}/`)).json().results[0].is_read).toBe(true);
    expect(
      ((await get(`${BASE}/?unread=true`)).json().results as Array<{ id: number }>).map((n) => n.id),
    ).not.toContain(first!.id);
    await ctx.as(alice, { method: 'POST', url: `${BASE}/${first!.id}/mark-unread/` });
    expect((await get(`${BASE}/recent/`)).json().results[0].is_read).toBe(false);
    await ctx.as(alice, { method: 'DELETE', url: `${BASE}/${first!.id}/` });
    expect(((await get(`${BASE}/`)).json().results as Array<{ id: number }>).map((n) => n.id)).not.toContain(
      first!.id,
    );
  });

  it("reflects an admin's edit and a renamed webinar", async () => {
    const list = (await get(`${BASE}/`)).json().results as Array<{
      id: number;
      related_webinar: { title: string } | null;
    }>;
    const linked = list.find((n) => n.related_webinar)!;
    expect(linked.related_webinar!.title).toBe('Original title');
    await ctx.as(host, {
      method: 'PATCH',
      url: `/api/webinars/${webinarId}/`,
      payload: { title: 'Renamed webinar' },
    });
    const relisted = (await get(`${BASE}/`)).json().results as Array<{
      id: number;
      related_webinar: { title: string } | null;
    }>;
    expect(relisted.find((n) => n.id === linked.id)!.related_webinar!.title).toBe('Renamed webinar');

    await ctx.as(admin, {
      method: 'PATCH',
      url: `/api/admin/notifications/${linked.id}/`,
      payload: { title: 'Edited by admin' },
    });
    expect(await titles(`${BASE}/`)).toContain('Edited by admin');
  });

  it('keeps the notifications of a deleted webinar, without the webinar', async () => {
    const linkedIds = (
      (await get(`${BASE}/`)).json().results as Array<{ id: number; related_webinar: unknown }>
    )
      .filter((n) => n.related_webinar)
      .map((n) => n.id);
    expect(linkedIds.length).toBeGreaterThan(0);
    const deleted = await ctx.as(admin, { method: 'DELETE', url: `/api/webinars/${webinarId}/` });
    expect(deleted.statusCode).toBe(204);
    for (const url of [`${BASE}/`, `${BASE}/recent/`, `${BASE}/${linkedIds[0]}/`]) {
      const body = (await get(url)).json();
      const rows = (body.results ?? [body]) as Array<{ id: number; related_webinar: unknown }>;
      const formerlyLinked = rows.filter((n) => linkedIds.includes(n.id));
      expect(formerlyLinked.length).toBeGreaterThan(0);
      for (const n of formerlyLinked) expect(n.related_webinar).toBeNull();
    }
    const adminView = (
      await ctx.as(admin, { url: `/api/admin/notifications/?user=${alice.id}&page_size=100` })
    ).json().results as Array<{ id: number; related_webinar: unknown }>;
    const adminLinked = adminView.filter((n) => linkedIds.includes(n.id));
    expect(adminLinked).toHaveLength(linkedIds.length);
    for (const n of adminLinked) expect(n.related_webinar).toBeNull();
  });
});
