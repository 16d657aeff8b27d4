// The email channel end to end: notifications created through the real service, deliveries
// queued in the same statement, the real worker, real SMTP to a real server, on the test database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { addressesOf, startSmtpServer, type TestSmtpServer } from '../../test/helpers/smtp-server.ts';

const PUBLIC_URL = 'https://webinars.example.org';
const MINUTE = 60_000;
const NOTIFICATIONS = '/api/communications/notifications';

let smtp: TestSmtpServer;
let ctx: TestContext;

beforeAll(async () => {
  smtp = await startSmtpServer();
  ctx = await createTestContext({
    smtpUrl: smtp.url,
    publicUrl: PUBLIC_URL,
    mailFrom: 'Webinars <notifications@webinars.example.org>',
    deliveryIntervalSeconds: 3600,
  });
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

let sentBefore = 0;
beforeEach(() => {
  sentBefore = smtp.received.length;
});
afterEach(async () => {
  await ctx.app.deliveryWorker.idle();
});

async function verifiedUser(options: { timeZone?: string } = {}): Promise<TestUser> {
  const user = await ctx.buildUser();
  await ctx.database.db
    .updateTable('users')
    .set({ email_verified_at: ctx.clock.now(), time_zone: options.timeZone ?? 'UTC' })
    .where('id', '=', user.id)
    .execute();
  return user;
}

function deliveriesOf(userId: number) {
  return ctx.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Runs every delivery due at the test clock's time, and waits until they are recorded. */
async function runDue(): Promise<void> {
  ctx.app.deliveryWorker.wake();
  await ctx.app.deliveryWorker.idle();
}

/** A header of a raw message, unfolded (long headers continue on indented lines). */
function rawHeader(raw: string | undefined, name: string): string | undefined {
  const head = raw?.split('\r\n\r\n')[0]?.replace(/\r\n[ \t]+/g, ' ') ?? '';
  return head
    .split('\r\n')
    .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))
    ?.slice(name.length + 2);
}

/** The emails received since this test began. */
function newEmails() {
  return smtp.received.slice(sentBefore);
}

async function emailsFor(user: TestUser, count: number) {
  await runDue();
  await smtp.waitForMessages(sentBefore + count);
  await ctx.app.deliveryWorker.idle();
  return newEmails().filter((email) => email.to.includes(`${user.username}@example.com`));
}

describe('immediate emails', () => {
  it('sends a live session start at once: multipart, with its action, a stable Message-ID and one-click unsubscribe', async () => {
    const host = await ctx.buildUser({ role: 'host' });
    const user = await verifiedUser();
    const webinarId = await ctx.buildWebinar(host.id, 'Intro to Rust');
    await ctx.notify({ ...simple('live_started', [user.id], 'Live now: Intro to Rust'), webinarId });

    const [email] = await emailsFor(user, 1);
    const [delivery] = await deliveriesOf(user.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, address: `${user.username}@example.com` });
    const { parsed } = email ?? expect.fail('no email');
    expect(parsed.subject).toContain('Intro to Rust');
    expect(addressesOf(parsed.from)).toEqual(['notifications@webinars.example.org']);
    expect(parsed.messageId).toBe(`<delivery-${delivery?.id}@webinars.example.org>`);
    expect(parsed.html).toContain(`${PUBLIC_URL}/webinars/${webinarId}`);
    expect(parsed.text).toContain(`${PUBLIC_URL}/webinars/${webinarId}`);
    // One-click unsubscribe (RFC 8058).
    expect(rawHeader(email?.raw, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${PUBLIC_URL}/api/email/one-click-unsubscribe/[\\w.-]+>$`),
    );
    expect(rawHeader(email?.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.html).toMatch(new RegExp(`${PUBLIC_URL}/unsubscribe/[\\w.-]+`));
  });

  it('attaches the webinar as an iCalendar invite to reminders and approvals', async () => {
    const host = await ctx.buildUser({ role: 'host' });
    const user = await verifiedUser({ timeZone: 'Asia/Tokyo' });
    const webinarId = await ctx.buildWebinar(host.id, 'Calendars 101');
    await ctx.notify({
      ...simple('upcoming_webinar', [user.id], 'Starts in 1 hour: Calendars 101'),
      webinarId,
    });
    await ctx.notify({ ...simple('registration_approved', [user.id], 'Approved: Calendars 101'), webinarId });

    const emails = await emailsFor(user, 2);
    expect(emails).toHaveLength(2);
    for (const { parsed } of emails) {
      const invite = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(invite?.content.toString()).toContain('BEGIN:VEVENT');
      expect(invite?.content.toString()).toContain(`webinar-${webinarId}@`);
    }
  });

  it('escapes a hostile title in the HTML and keeps it readable in the text', async () => {
    const user = await verifiedUser();
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    await ctx.notify({ ...simple('live_started', [user.id], hostile), content: hostile });
    const [email] = await emailsFor(user, 1);
    expect(email?.parsed.html).not.toContain('<script>');
    expect(email?.parsed.html).not.toContain('<img src=x');
    expect(email?.parsed.html).toContain('&lt;script&gt;');
    expect(email?.parsed.text).toContain(hostile);
  });
});

describe('what a policy and a user choose', () => {
  it('keeps types off by default in-app only, unless the user turns email on for them', async () => {
    const user = await verifiedUser();
    await ctx.notify(simple('live_ended', [user.id]));
    await ctx.notify(simple('system', [user.id]));
    expect(await deliveriesOf(user.id)).toEqual([]);

    await ctx.database.db
      .insertInto('channel_preferences')
      .values({ user_id: user.id, notification_type: 'live_ended', channel: 'email', enabled: true })
      .execute();
    await ctx.notify(simple('live_ended', [user.id], 'Ended: Rust'));
    const [email] = await emailsFor(user, 1);
    expect(email?.parsed.subject).toContain('Ended: Rust');
  });

  it('queues nothing for a type the user turned off, and skips one turned off while it waited', async () => {
    const user = await verifiedUser();
    await ctx.database.db
      .insertInto('channel_preferences')
      .values({
        user_id: user.id,
        notification_type: 'registration_approved',
        channel: 'email',
        enabled: false,
      })
      .execute();
    await ctx.notify(simple('registration_approved', [user.id]));
    expect(await deliveriesOf(user.id)).toEqual([]);

    await ctx.notify(simple('announcement', [user.id]));
    await ctx.database.db
      .insertInto('channel_preferences')
      .values({ user_id: user.id, notification_type: 'announcement', channel: 'email', enabled: false })
      .execute();
    ctx.clock.advance(15 * MINUTE);
    await runDue();
    expect(await deliveriesOf(user.id)).toMatchObject([
      { status: 'skipped', reason: 'email is off for this type' },
    ]);
  });

  it('skips an address that is not verified, and a type muted in-app creates no delivery', async () => {
    const unverified = await ctx.buildUser();
    await ctx.notify(simple('live_started', [unverified.id]));
    await runDue();
    expect(await deliveriesOf(unverified.id)).toMatchObject([
      { status: 'skipped', reason: 'no verified address' },
    ]);

    const muting = await verifiedUser();
    await ctx.as(muting, {
      method: 'PUT',
      url: `${NOTIFICATIONS}/preferences/`,
      payload: { live_started: false },
    });
    await ctx.notify(simple('live_started', [muting.id]));
    await runDue();
    expect(await deliveriesOf(muting.id)).toEqual([]);
  });
});

describe('email if still unread', () => {
  it('waits 15 minutes, then skips what was read (read marks count) and sends what was not', async () => {
    const reader = await verifiedUser();
    const away = await verifiedUser();
    await ctx.notify(simple('announcement', [reader.id, away.id], 'Office hours moved'));
    await runDue();
    expect(await deliveriesOf(away.id)).toMatchObject([{ status: 'pending' }]);

    const marked = await ctx.as(reader, { method: 'POST', url: `${NOTIFICATIONS}/mark-all-read/` });
    expect(marked.statusCode).toBe(200);
    ctx.clock.advance(14 * MINUTE);
    await runDue();
    expect(await deliveriesOf(away.id)).toMatchObject([{ status: 'pending' }]);

    ctx.clock.advance(MINUTE);
    const [email] = await emailsFor(away, 1);
    expect(email?.parsed.subject).toContain('Office hours moved');
    expect(await deliveriesOf(reader.id)).toMatchObject([{ status: 'skipped', reason: 'read in time' }]);
    expect(await deliveriesOf(away.id)).toMatchObject([{ status: 'sent' }]);
  });
});

describe('digests', () => {
  it('gathers the recordings of one window into one email', async () => {
    const user = await verifiedUser();
    for (const title of ['Part 1', 'Part 2', 'Part 3']) {
      await ctx.notify(simple('new_recording', [user.id], `New recording: ${title}`));
      ctx.clock.advance(5 * MINUTE);
    }
    await runDue();
    expect(newEmails().filter((email) => email.to.includes(`${user.username}@example.com`))).toEqual([]);

    ctx.clock.advance(20 * MINUTE);
    await runDue();
    const emails = newEmails().filter((email) => email.to.includes(`${user.username}@example.com`));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.parsed.subject).toMatch(/3 new recordings/i);
    for (const part of ['Part 1', 'Part 2', 'Part 3']) expect(emails[0]?.parsed.text).toContain(part);
    const rows = await deliveriesOf(user.id);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.map((row) => row.digest_id)).toEqual([null, rows[0]?.id, rows[0]?.id]);
  });
});

describe('failures', () => {
  it('retries a temporary failure later, with the same Message-ID, then sends it', async () => {
    const user = await verifiedUser();
    smtp.failNextMessages(1);
    await ctx.notify(simple('live_started', [user.id], 'Retry me'));
    await runDue();
    const [waiting] = await deliveriesOf(user.id);
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(waiting?.reason).toContain('451');
    expect(waiting?.due_at.getTime()).toBeGreaterThan(ctx.clock.now().getTime());

    ctx.clock.set(waiting?.due_at ?? new Date());
    const [email] = await emailsFor(user, 1);
    expect(email?.parsed.messageId).toBe(`<delivery-${waiting?.id}@webinars.example.org>`);
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('fails a permanent rejection, marks the address failing and stops sending to it', async () => {
    const user = await verifiedUser();
    smtp.rejectRecipient(`${user.username}@example.com`);
    await ctx.notify(simple('live_started', [user.id], 'Bounce'));
    await runDue();
    const [failed] = await deliveriesOf(user.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.reason).toContain('550');
    const stored = await ctx.database.db
      .selectFrom('users')
      .select(['email_failed_at', 'email_failure'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.email_failed_at).not.toBeNull();
    expect(stored.email_failure).toContain('550');

    await ctx.notify(simple('live_started', [user.id], 'Bounce again'));
    await runDue();
    expect((await deliveriesOf(user.id))[1]).toMatchObject({
      status: 'skipped',
      reason: 'the address is failing',
    });
  });

  it('gives up after the last attempt', async () => {
    const user = await verifiedUser();
    smtp.failNextMessages(ctx.config.deliveryMaxAttempts);
    await ctx.notify(simple('live_started', [user.id], 'Never'));
    for (let attempt = 1; attempt <= ctx.config.deliveryMaxAttempts; attempt++) {
      await runDue();
      const [row] = await deliveriesOf(user.id);
      if (row?.status !== 'retrying') break;
      ctx.clock.set(row.due_at);
    }
    const [row] = await deliveriesOf(user.id);
    expect(row).toMatchObject({ status: 'failed', attempts: ctx.config.deliveryMaxAttempts });
    expect(row?.reason).toMatch(/^gave up after \d+ tries: .*451/);
  });
});

describe('several processes', () => {
  it('share the queue without sending any delivery twice', async () => {
    const other = await ctx.buildAnotherApp();
    const users = await Promise.all(Array.from({ length: 30 }, () => verifiedUser()));
    await ctx.notify(
      simple(
        'live_started',
        users.map((u) => u.id),
        'Everyone at once',
      ),
    );
    other.deliveryWorker.wake();
    ctx.app.deliveryWorker.wake();
    await smtp.waitForMessages(sentBefore + 30);
    await Promise.all([other.deliveryWorker.idle(), ctx.app.deliveryWorker.idle()]);
    const ids = newEmails().map((email) => email.parsed.messageId);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
  });
});

describe('the links an email carries', () => {
  it('verifies an address from the emailed link, then one-click unsubscribe stops that type only', async () => {
    const user = await ctx.buildUser();
    const address = `${user.username}.new@example.org`;
    const changed = await ctx.as(user, {
      method: 'PATCH',
      url: '/api/auth/me/contact/',
      payload: { email: address },
    });
    expect(changed.json()).toMatchObject({ email_status: 'unverified' });
    await runDue();
    const [verification] = (await smtp.waitForMessages(sentBefore + 1)).slice(sentBefore);
    expect(verification?.to).toEqual([address]);
    const link = verification?.parsed.text?.match(new RegExp(`${PUBLIC_URL}/verify-email/([\\w.-]+)`));
    const verified = await ctx.app.inject({
      method: 'POST',
      url: '/api/email/verify/',
      payload: { token: link?.[1] },
    });
    expect(verified.statusCode, verified.body).toBe(200);

    await ctx.notify(simple('live_started', [user.id], 'First live'));
    await runDue();
    const [first] = (await smtp.waitForMessages(sentBefore + 2)).slice(sentBefore + 1);
    const oneClick = rawHeader(first?.raw, 'List-Unsubscribe')?.match(/^<https:\/\/[^/]+(\/api\/[^>]+)>$/);
    const unsubscribed = await ctx.app.inject({
      method: 'POST',
      url: oneClick?.[1] ?? '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode, unsubscribed.body).toBe(200);

    await ctx.notify(simple('live_started', [user.id], 'Second live'));
    await ctx.notify(simple('registration_approved', [user.id], 'Still wanted'));
    await runDue();
    const rows = await deliveriesOf(user.id);
    expect(rows.filter((row) => row.notification_type === 'live_started').map((row) => row.status)).toEqual([
      'sent',
    ]);
    expect(rows.filter((row) => row.notification_type === 'registration_approved')).toMatchObject([
      { status: 'sent' },
    ]);
  });
});
