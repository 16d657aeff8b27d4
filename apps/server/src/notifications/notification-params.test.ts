// Each notification keeps, with its type, what its text was made from (its event's params), so a
// later version can render it in the reader's language; kept once per event, however many users.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { liveSessionStartedNotification } from './triggers/live-session-started.ts';
import { newRecordingNotification } from './triggers/new-recording.ts';
import { upcomingWebinarNotification } from './triggers/upcoming-webinar.ts';

let ctx: TestContext;
let students: TestUser[];
let webinarId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const host = await ctx.buildUser({ role: 'host' });
  students = [await ctx.buildUser(), await ctx.buildUser()];
  webinarId = await ctx.buildWebinar(host.id, 'Typed "params"');
});
afterAll(() => ctx.close());

/** The type and params stored for the newest notification of each student. */
async function storedFor(title: string) {
  return ctx.database.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select(['n.user_id', 'n.notification_type', 'e.id as event_id', 'e.params'])
    .where('n.title', '=', title)
    .orderBy('n.user_id')
    .execute();
}

it('keeps the webinar title of a live start, once for all its recipients', async () => {
  const input = liveSessionStartedNotification({ id: 1, webinarId, webinarTitle: 'Typed "params"' });
  await ctx.notify({ ...input, recipients: { userIds: students.map((s) => s.id) } });
  const rows = await storedFor(input.title);
  expect(rows).toHaveLength(2);
  expect(new Set(rows.map((row) => row.event_id)).size).toBe(1);
  for (const row of rows)
    expect(row).toMatchObject({
      notification_type: 'live_started',
      params: { webinar_title: 'Typed "params"' },
    });
});

it('keeps the start of a reminder as an instant, and the titles of a recording', async () => {
  const startsAt = new Date(ctx.clock.now().getTime() + 3_600_000);
  const reminder = upcomingWebinarNotification({
    webinarId,
    webinarTitle: 'Typed "params"',
    startsAt,
    now: ctx.clock.now(),
    userIds: [students[0]!.id],
  });
  await ctx.notify(reminder);
  expect((await storedFor(reminder.title))[0]?.params).toEqual({
    webinar_title: 'Typed "params"',
    starts_at: startsAt.toISOString(),
  });

  const recording = newRecordingNotification({
    id: 9,
    title: 'Part 1',
    webinarId,
    webinarTitle: 'Typed "params"',
  });
  await ctx.notify({ ...recording, recipients: { userIds: [students[1]!.id] } });
  expect((await storedFor(recording.title))[0]?.params).toEqual({
    webinar_title: 'Typed "params"',
    recording_title: 'Part 1',
  });
});
