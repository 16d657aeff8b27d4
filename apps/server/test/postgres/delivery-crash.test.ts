// A server process killed (SIGKILL) in the middle of sending a batch of emails: nothing is lost
// (another process sends the rest once the dead one's claim lapses), and the repeats are limited
// to the group of sends that was in flight, each with the Message-ID of its first try.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { SEND_GROUP_SIZE } from '../../src/deliveries/worker.ts';
import { insertTestCast, signInCast, TEST_SECRET } from '../helpers/app.ts';
import { createPostgresDatabase, usePostgres } from '../helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from '../helpers/server-process.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';

const RECIPIENTS = 400;
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

describe.skipIf(!usePostgres)('a sender killed mid-batch', () => {
  let created: { url: string; drop(): Promise<void> };
  let database: DatabaseHandle;
  let smtp: TestSmtpServer;
  const servers: ServerProcess[] = [];

  async function start(): Promise<string> {
    const server = spawnServer({
      DATABASE_URL: created.url,
      JWT_SECRET: TEST_SECRET,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://webinars.example.org',
      MAIL_FROM: 'Webinars <notifications@webinars.example.org>',
      // A dead process's claim lapses after 2 s, so the test need not wait long.
      DELIVERY_LEASE: '2',
      DELIVERY_INTERVAL: '1',
      LOG_LEVEL: 'info',
      REMINDER_INTERVAL: '0',
      SEED_DEMO: 'false',
      WEB_DIST: '/nonexistent',
    });
    servers.push(server);
    const origin = await waitFor(
      () => server.output().match(LISTENING)?.[1] ?? (server.child.exitCode === null ? undefined : 'exited'),
      60_000,
      'the server to listen',
    );
    if (origin === 'exited') throw new Error(`the server exited:\n${server.output()}`);
    return origin;
  }

  const openDeliveries = () =>
    database.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', 'in', ['pending', 'sending', 'retrying'])
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    created = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: created.url });
    await migrateToLatest(database.db);
    await insertTestCast(database.db);
    await sql`insert into users (username, email, display_name, password_hash, role, email_verified_at)
      select 'reader' || n, 'reader' || n || '@example.com', 'Reader ' || n, 'x', 'student', now()
      from generate_series(1, ${RECIPIENTS}) n`.execute(database.db);
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await database?.close();
    await created?.drop();
    await smtp?.close();
  }, 30_000);

  it('loses nothing and repeats at most the group of sends in flight', async () => {
    // A slow mail server keeps a batch in flight long enough to kill the process inside it.
    smtp.slowDown(20);
    const origin = await start();
    const { admin } = await signInCast(origin);
    const sent = await fetch(`${origin}/api/admin/notifications/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        role: 'student',
        notification_type: 'live_started',
        title: 'Live now: crash course',
        content: 'It has started.',
      }),
    });
    expect(sent.status).toBe(201);
    const recipients = RECIPIENTS + 2; // the readers, alice and bob (whose address is not verified)

    // Past the first group of sends, so that some of the batch is recorded sent when the process dies.
    await smtp.waitForMessages(SEND_GROUP_SIZE * 2 + 10, 60_000);
    servers[0]?.child.kill('SIGKILL');
    await servers[0]?.exited;
    const atCrash = smtp.received.length;
    const inFlight = await database.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'sending')
      .executeTakeFirstOrThrow();
    expect(Number(inFlight.count)).toBeGreaterThan(0);

    smtp.slowDown(0);
    await start();
    const deadline = Date.now() + 120_000;
    while (Number((await openDeliveries()).count) > 0) {
      if (Date.now() > deadline) throw new Error('timed out waiting for every delivery to be finished');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const rows = await database.db.selectFrom('deliveries').select(['id', 'status']).execute();
    expect(rows).toHaveLength(recipients);
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(RECIPIENTS);
    const messageIds = smtp.received.map((email) => email.parsed.messageId);
    const distinct = new Set(messageIds);
    expect(distinct.size).toBe(RECIPIENTS);
    const repeats = messageIds.length - distinct.size;
    expect(repeats).toBeLessThanOrEqual(SEND_GROUP_SIZE);
    console.info(
      `delivery crash: ${atCrash} emails before SIGKILL, ${inFlight.count} claimed in flight, ` +
        `${repeats} sent twice, ${RECIPIENTS} of ${RECIPIENTS} delivered`,
    );
  }, 240_000);
});
