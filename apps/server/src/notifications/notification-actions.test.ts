// A notification's actions follow its webinar's state: "Join now" while the session is live, the
// reason once it ended (in the list and in the cached recent ones), a calendar invite while the
// webinar is ahead, nothing without a webinar.
import type { Notification } from '@webinar/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const BASE = '/api/communications/notifications/';

let ctx: TestContext;
let host: TestUser;
let student: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  host = await ctx.buildUser({ role: 'host' });
  student = await ctx.buildUser();
});
afterAll(() => ctx.close());

async function newest(url = `${BASE}recent/`): Promise<Notification> {
  const response = await ctx.as(student, { url });
  expect(response.statusCode).toBe(200);
  return (response.json() as { results: Notification[] }).results[0]!;
}

it('offers "Join now" while the session is live, and says it ended afterwards', async () => {
  const webinarId = await ctx.buildWebinar(host.id, 'Actions live');
  await ctx.notify({ ...simple('live_started', [student.id], 'Live now'), webinarId });
  expect(
    (await ctx.as(host, { method: 'POST', url: `/api/live-sessions/${webinarId}/start/` })).statusCode,
  ).toBe(200);
  const live = await newest(`${BASE}?type=live_started`);
  expect(live.related_webinar).toMatchObject({ id: webinarId, status: 'live' });
  expect(live.actions).toEqual([
    { kind: 'join_live', label: 'Join now', href: `/webinars/${webinarId}`, unavailable: null },
  ]);
  // Read once, so that the recent ones are kept in memory before the session ends.
  expect((await newest()).actions.length).toBeGreaterThan(0);

  expect(
    (await ctx.as(host, { method: 'POST', url: `/api/live-sessions/${webinarId}/end/` })).statusCode,
  ).toBe(200);
  const recent = (await ctx.as(student, { url: `${BASE}recent/` })).json() as { results: Notification[] };
  const ended = recent.results.find((n) => n.title === 'Live now');
  expect(ended?.actions).toEqual([
    {
      kind: 'join_live',
      label: 'Join now',
      href: `/webinars/${webinarId}`,
      unavailable: 'The live session has ended.',
    },
  ]);
});

it('offers the webinar and its calendar invite for a reminder, a recording to watch, nothing without a webinar', async () => {
  const webinarId = await ctx.buildWebinar(host.id, 'Actions ahead');
  await ctx.notify({ ...simple('upcoming_webinar', [student.id], 'Starting soon'), webinarId });
  expect((await newest()).actions).toEqual([
    { kind: 'view_webinar', label: 'View webinar', href: `/webinars/${webinarId}`, unavailable: null },
    {
      kind: 'add_to_calendar',
      label: 'Add to calendar',
      href: `/api/webinars/${webinarId}/calendar.ics`,
      unavailable: null,
    },
  ]);
  await ctx.notify({ ...simple('new_recording', [student.id], 'Recording is up'), webinarId });
  expect((await newest()).actions).toEqual([
    {
      kind: 'watch_recording',
      label: 'Watch recording',
      href: `/webinars/${webinarId}#recordings`,
      unavailable: null,
    },
  ]);
  await ctx.notify(simple('system', [student.id], 'Maintenance tonight'));
  expect((await newest()).actions).toEqual([]);
});
