// The admin's user picker over HTTP: prefix search by username, role filter, paging, and admins only.
import type { AdminUserPage } from '@webinar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const USERS = '/api/admin/users/';

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin', username: 'picker_admin' });
  await ctx.buildUser({ role: 'student', username: 'Picker_Alice' });
  await ctx.buildUser({ role: 'host', username: 'picker_alan' });
  await ctx.buildUser({ role: 'student', username: 'picker_bob' });
  await ctx.buildUser({ role: 'student', username: 'picker%_odd' });
  await ctx.buildUser({ role: 'student', username: 'not_picker_al' });
});
afterAll(() => ctx.close());

async function search(query: string): Promise<AdminUserPage> {
  const response = await ctx.as(admin, { url: `${USERS}?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const names = (page: AdminUserPage) => page.results.map((user) => user.username);

describe('GET /api/admin/users/', () => {
  it('finds usernames that start with the search, in any case, ordered by username', async () => {
    const page = await search('search=PICKER_AL');
    expect(names(page)).toEqual(['Picker_Alice', 'picker_alan'].sort());
    expect(page.count).toBe(2);
    expect(page.results[0]).toEqual({
      id: expect.any(Number),
      username: expect.any(String),
      display_name: expect.any(String),
      role: expect.any(String),
    });
  });

  it('takes % and _ literally', async () => {
    expect(names(await search(`search=${encodeURIComponent('picker%')}`))).toEqual(['picker%_odd']);
    expect(names(await search('search=picker_b'))).toEqual(['picker_bob']);
  });

  it('filters by role', async () => {
    expect(names(await search('search=picker&role=host'))).toEqual(['picker_alan']);
  });

  it('pages with page_size and tells the whole count', async () => {
    const page = await search('search=picker&page_size=2');
    expect(page.results).toHaveLength(2);
    expect(page.page_size).toBe(2);
    expect(page.count).toBe(5);
    const second = await search('search=picker&page_size=2&page=3');
    expect(second.results).toHaveLength(1);
  });

  it('answers an empty list for a prefix nobody has', async () => {
    expect(await search('search=nobody_has_this')).toMatchObject({ count: 0, results: [] });
  });

  it('refuses an empty search, an unknown role and a page_size over 100', async () => {
    for (const query of ['search=', 'role=owner', 'page_size=101']) {
      const response = await ctx.as(admin, { url: `${USERS}?${query}` });
      expect(response.statusCode, query).toBe(400);
    }
  });

  it('is for admins only', async () => {
    expect((await ctx.app.inject({ url: USERS })).statusCode).toBe(401);
    for (const role of ['student', 'host'] as const) {
      const user = await ctx.buildUser({ role });
      expect((await ctx.as(user, { url: USERS })).statusCode).toBe(403);
    }
  });
});
