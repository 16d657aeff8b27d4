// The PostgreSQL event bus on its own: two buses on one database stand for two server processes.
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, EventBus } from '../../src/events/event-bus.ts';
import { createPostgresEventBus } from '../../src/events/postgres-event-bus.ts';
import { createPostgresDatabase, usePostgres } from '../helpers/database.ts';
import { waitFor } from '../helpers/server-process.ts';

function recordingLogger() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.filter((a) => typeof a === 'string').join(' '));
  const log = { warn: record, error: record, info: () => {} } as unknown as FastifyBaseLogger;
  return { log, lines };
}

describe.skipIf(!usePostgres)('the PostgreSQL event bus', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let one: EventBus;
  let two: EventBus;
  const logOne = recordingLogger();
  /** How late each message from the other bus reached bus two, in seconds (the lag metric). */
  const lagsOfTwo: number[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    one = await createPostgresEventBus({ connectionString: database.url, log: logOne.log });
    two = await createPostgresEventBus({
      connectionString: database.url,
      log: recordingLogger().log,
      onLag: (seconds) => lagsOfTwo.push(seconds),
    });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  const changed = (userId: number): AppEvent => ({
    name: 'notifications_changed',
    payload: { userId, notificationIds: 'all', change: 'read', version: userId },
  });

  it('passes a burst of events to the other process once each, in order, and to its own once', async () => {
    const seenByOne: AppEvent[] = [];
    const seenByTwo: AppEvent[] = [];
    const stopOne = one.subscribe((event) => seenByOne.push(event));
    const stopTwo = two.subscribe((event) => seenByTwo.push(event));
    const sent: AppEvent[] = [];
    // More than fit in one NOTIFY (8000 bytes), with one whose recipient list alone is too long.
    for (let i = 1; i <= 300; i++) {
      const event: AppEvent =
        i === 150
          ? {
              name: 'notifications_created',
              payload: {
                eventId: 7,
                type: 'announcement',
                count: 3000,
                firstId: 1,
                lastId: 3000,
                userIds: Array.from({ length: 3000 }, (_, u) => u + 1),
                version: i,
              },
            }
          : changed(i);
      sent.push(event);
      one.publish(event);
    }
    await waitFor(() => (seenByTwo.length >= 300 ? true : undefined), 10_000, 'every event on the other bus');
    // Nothing more arrives: no event twice, none of its own echoed back.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopOne();
    stopTwo();

    expect(seenByOne).toEqual(sent);
    const unnamed = { ...sent[149], payload: { ...(sent[149]!.payload as object), userIds: null } };
    expect(seenByTwo).toEqual(sent.map((event, i) => (i === 149 ? unnamed : event)));
    expect(logOne.lines).toEqual([]);
    // Several messages (the burst does not fit in one), each timed; on one machine, well under 10 s.
    expect(lagsOfTwo.length).toBeGreaterThan(1);
    for (const lag of lagsOfTwo) expect(lag).toBeGreaterThanOrEqual(0);
    for (const lag of lagsOfTwo) expect(lag).toBeLessThan(10);
  });

  it('ignores messages that are not its own format, and keeps delivering', async () => {
    const seen: AppEvent[] = [];
    const stop = two.subscribe((event) => seen.push(event));
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("select pg_notify('webinar_notification_events', 'not json')");
      await client.query(`select pg_notify('webinar_notification_events', '{"origin":"x","seq":1}')`);
    } finally {
      await client.end();
    }
    one.publish(changed(42));
    await waitFor(() => (seen.length > 0 ? true : undefined), 10_000, 'the event after the bad messages');
    stop();
    expect(seen).toEqual([changed(42)]);
  });
});
