// A webinar's start: never in the past when it is set, while an ended webinar's other details stay
// editable, even by a client that sends its (past) start back with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

let ctx: TestContext;
let host: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  host = await ctx.buildUser({ role: 'host' });
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(ctx.clock.now().getTime() + offsetMs).toISOString();

async function countWebinars(): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('webinars')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function create(startsAt: string) {
  return ctx.as(host, {
    method: 'POST',
    url: '/api/webinars/',
    payload: { title: 'Dated', starts_at: startsAt },
  });
}

/** A webinar that started yesterday, ran and ended. */
async function endedWebinar(): Promise<{ id: number; startsAt: string }> {
  const id = await ctx.buildWebinar(host.id, 'Yesterday');
  const startsAt = new Date(ctx.clock.now().getTime() - 24 * 60 * MINUTE);
  await ctx.database.db
    .updateTable('webinars')
    .set({ starts_at: startsAt, status: 'ended' })
    .where('id', '=', id)
    .execute();
  return { id, startsAt: startsAt.toISOString() };
}

describe('creating a webinar', () => {
  it.each([
    ['yesterday', -24 * 60 * MINUTE],
    ['an hour ago', -60 * MINUTE],
    ['ten minutes ago', -10 * MINUTE],
    ['in 1970', Date.UTC(1970, 0, 1) - Date.now()],
  ])('refuses a start %s with 400 on starts_at, and creates nothing', async (_, offset) => {
    const before = await countWebinars();
    const response = await create(at(offset));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation_error',
      fields: { starts_at: 'must not be in the past' },
    });
    expect(await countWebinars()).toBe(before);
  });

  it('takes a start a minute ago (clock skew), now, and in the future', async () => {
    for (const offset of [-MINUTE, 0, 60 * MINUTE]) {
      const response = await create(at(offset));
      expect(response.statusCode, response.body).toBe(201);
    }
  });
});

describe('editing a webinar', () => {
  it('refuses moving a scheduled webinar into the past, and keeps its start', async () => {
    const id = await ctx.buildWebinar(host.id, 'Soon');
    const { starts_at } = (await ctx.as(host, { url: `/api/webinars/${id}/` })).json();
    const response = await ctx.as(host, {
      method: 'PATCH',
      url: `/api/webinars/${id}/`,
      payload: { title: 'Moved back', starts_at: at(-2 * 60 * MINUTE) },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.fields).toEqual({ starts_at: 'must not be in the past' });
    const after = (await ctx.as(host, { url: `/api/webinars/${id}/` })).json();
    expect(after).toMatchObject({ title: 'Soon', starts_at });
  });

  it('edits the details of an ended webinar, with or without its past start sent back', async () => {
    const { id, startsAt } = await endedWebinar();
    for (const payload of [{ title: 'Renamed' }, { title: 'Renamed again', starts_at: startsAt }]) {
      const response = await ctx.as(host, { method: 'PATCH', url: `/api/webinars/${id}/`, payload });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ title: payload.title, starts_at: startsAt, status: 'ended' });
    }
  });

  it("refuses moving an ended webinar's start to another past time", async () => {
    const { id } = await endedWebinar();
    const response = await ctx.as(host, {
      method: 'PATCH',
      url: `/api/webinars/${id}/`,
      payload: { starts_at: at(-48 * 60 * MINUTE) },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.fields).toHaveProperty('starts_at');
  });
});
