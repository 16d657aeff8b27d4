import type { Notification } from '@webinar/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { storedRows } from '../../test/helpers/stored-read-state.ts';

const BASE = '/api/communications/notifications/';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Send = (options: InjectOptions) => Promise<LightMyRequestResponse>;

interface Pair {
  alice: TestUser;
  bob: TestUser;
  /** Bob's requests, through the authentication being tested. */
  asBob: Send;
  aliceUnread: number;
  aliceRead: number;
  bobIds: number[];
}

function rowsOf(userId: number) {
  return storedRows(ctx.database.db, userId);
}

async function idsOf(userId: number): Promise<number[]> {
  return (await rowsOf(userId)).map((r) => r.id);
}

/** Alice has two unread and one read, archived notification; Bob has three unread of his own. */
async function buildPair(signIn: (bob: TestUser) => Promise<Send>): Promise<Pair> {
  const alice = await ctx.buildUser();
  const bob = await ctx.buildUser();
  for (const title of ['For Alice 1', 'For Alice 2', 'For Alice 3']) {
    ctx.clock.advance(1000);
    await ctx.notify(simple('announcement', [alice.id], title));
  }
  for (const title of ['For Bob 1', 'For Bob 2', 'For Bob 3']) {
    ctx.clock.advance(1000);
    await ctx.notify(simple('live_started', [bob.id], title));
  }
  const [aliceRead, aliceUnread] = (await idsOf(alice.id)) as [number, number];
  expect((await ctx.as(alice, { method: 'POST', url: `${BASE}${aliceRead}/mark-read/` })).statusCode).toBe(
    200,
  );
  // Her read one is archived too, so that his archived list has something of hers to leave out.
  expect((await ctx.as(alice, { method: 'POST', url: `${BASE}${aliceRead}/archive/` })).statusCode).toBe(200);
  return { alice, bob, asBob: await signIn(bob), aliceUnread, aliceRead, bobIds: await idsOf(bob.id) };
}

const ways: Array<[string, (bob: TestUser) => Promise<Send>]> = [
  ['a bearer token', async (bob) => (options) => ctx.as(bob, options)],
  [
    'a cookie session',
    async (bob) => {
      const session = await ctx.signIn(bob.username);
      return (options) => session.request(options);
    },
  ],
];

describe.each(ways)(
  "another user signed in with %s cannot see or touch Alice's notifications",
  (_, signIn) => {
    let pair: Pair;

    beforeAll(async () => {
      pair = await buildPair(signIn);
    });

    it('gets 404 from every endpoint that takes one of her ids, and her rows stay as they were', async () => {
      const { asBob, alice, aliceRead, aliceUnread } = pair;
      const before = await rowsOf(alice.id);
      const missing = (await asBob({ url: `${BASE}987654321/` })).json();

      for (const id of [aliceUnread, aliceRead]) {
        for (const options of [
          { method: 'GET', url: `${BASE}${id}/` },
          { method: 'POST', url: `${BASE}${id}/mark-read/` },
          { method: 'POST', url: `${BASE}${id}/mark-unread/` },
          { method: 'POST', url: `${BASE}${id}/archive/` },
          { method: 'POST', url: `${BASE}${id}/unarchive/` },
          { method: 'DELETE', url: `${BASE}${id}/` },
        ] as InjectOptions[]) {
          const response = await asBob(options);
          expect(response.statusCode, `${options.method} ${options.url}`).toBe(404);
          // The same answer as for an id that does not exist: nothing tells Bob the row is there.
          expect(response.json()).toEqual(missing);
        }
      }

      expect(await rowsOf(alice.id)).toEqual(before);
      expect((await ctx.as(alice, { url: `${BASE}${aliceUnread}/` })).json()).toMatchObject({
        is_read: false,
      });
      expect((await ctx.as(alice, { url: `${BASE}${aliceRead}/` })).json()).toMatchObject({ is_read: true });
    });

    it('shows only his own notifications in his list, with any filter, and in his recent ones', async () => {
      const { asBob, bobIds } = pair;
      const sorted = (items: Notification[]) => items.map((n) => n.id).sort((a, b) => a - b);

      const all = (await asBob({ url: `${BASE}?page_size=100` })).json();
      expect(sorted(all.results)).toEqual(bobIds);
      expect(all.results.every((n: Notification) => n.title.startsWith('For Bob'))).toBe(true);

      const announcements = (await asBob({ url: `${BASE}?type=announcement` })).json();
      expect(announcements.results).toEqual([]);
      const read = (await asBob({ url: `${BASE}?unread=false` })).json();
      expect(read.results).toEqual([]);
      const archived = (await asBob({ url: `${BASE}?archived=true` })).json();
      expect(archived.results).toEqual([]);

      // Page by page, too: a cursor only ever moves through his own rows.
      const first = (await asBob({ url: `${BASE}?page_size=2` })).json();
      const second = (await asBob({ url: `${BASE}?page_size=2&cursor=${first.next_cursor}` })).json();
      expect(sorted([...first.results, ...second.results])).toEqual(bobIds);
      expect(second.next).toBeNull();

      const recent = (await asBob({ url: `${BASE}recent/` })).json();
      expect(sorted(recent.results)).toEqual(bobIds);
    });

    it('counts only his unread notifications', async () => {
      const response = await pair.asBob({ url: `${BASE}unread-count/` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ unread_count: 3 });
    });

    it('marks only his own notifications read with mark-all-read', async () => {
      const { asBob, alice, bob } = pair;
      const aliceBefore = await rowsOf(alice.id);

      const response = await asBob({ method: 'POST', url: `${BASE}mark-all-read/` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ marked_read: 3, unread_count: 0 });

      expect(await rowsOf(alice.id)).toEqual(aliceBefore);
      expect((await rowsOf(bob.id)).every((r) => r.is_read)).toBe(true);
      expect((await ctx.as(alice, { url: `${BASE}unread-count/` })).json()).toEqual({ unread_count: 2 });
    });

    it('changes only his own preferences', async () => {
      const { asBob, alice } = pair;
      const response = await asBob({
        method: 'PUT',
        url: `${BASE}preferences/`,
        payload: { announcement: false },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().announcement).toBe(false);
      expect((await ctx.as(alice, { url: `${BASE}preferences/` })).json().announcement).toBe(true);
    });

    it('does not let her delete or read his notifications either', async () => {
      const { alice, bobIds, bob } = pair;
      const before = await rowsOf(bob.id);
      for (const id of bobIds) {
        expect((await ctx.as(alice, { method: 'DELETE', url: `${BASE}${id}/` })).statusCode).toBe(404);
        expect((await ctx.as(alice, { method: 'POST', url: `${BASE}${id}/mark-unread/` })).statusCode).toBe(
          404,
        );
      }
      expect(await rowsOf(bob.id)).toEqual(before);
    });
  },
);
