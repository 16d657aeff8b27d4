// The web push channel end to end: browsers subscribed through the real routes, notifications
// created through the real service, deliveries queued in the same statement, the real worker,
// and real HTTP to a push service on 127.0.0.1 that checks the VAPID signature; each message is
// decrypted with the browser's own keys, on the test database (embedded and PostgreSQL).
import type { PushPayload } from '@webinar/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { startPushService, type TestBrowser, type TestPushService } from '../../test/helpers/push-service.ts';

const PUBLIC_URL = 'https://webinars.example.org';
const SUBSCRIPTIONS = '/api/auth/me/push/subscriptions/';
const CHROME_ON_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

let service: TestPushService;
let ctx: TestContext;

beforeAll(async () => {
  service = await startPushService();
  ctx = await createTestContext({
    publicUrl: PUBLIC_URL,
    // The worker runs only when a test says so (runDue), so a test can change things in between.
    deliveryIntervalSeconds: 0,
    pushAllowInsecureEndpoints: true,
    vapidSubject: 'mailto:ops@webinars.example.org',
  });
});
afterAll(async () => {
  await ctx.close();
  await service.close();
});
afterEach(async () => {
  await ctx.app.deliveryWorker.idle();
});

function subscribe(
  user: TestUser,
  browser: Pick<TestBrowser, 'endpoint' | 'keys'>,
  userAgent = CHROME_ON_LINUX,
) {
  return ctx.as(user, {
    method: 'POST',
    url: SUBSCRIPTIONS,
    headers: { 'user-agent': userAgent },
    payload: { endpoint: browser.endpoint, expirationTime: null, keys: browser.keys },
  });
}

/** A user with `count` subscribed browsers. */
async function userWithBrowsers(count = 1): Promise<{ user: TestUser; browsers: TestBrowser[] }> {
  const user = await ctx.buildUser();
  const browsers: TestBrowser[] = [];
  for (let i = 0; i < count; i++) {
    const browser = service.browser();
    const response = await subscribe(user, browser);
    expect(response.statusCode, response.body).toBe(201);
    browsers.push(browser);
  }
  return { user, browsers };
}

function pushDeliveriesOf(userId: number) {
  return ctx.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('channel', '=', 'push')
    .orderBy('id')
    .execute();
}

function subscriptionsOf(userId: number) {
  return ctx.database.db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', userId).execute();
}

/** Runs every delivery due at the test clock's time, and waits until they are recorded. */
async function runDue(): Promise<void> {
  ctx.app.deliveryWorker.wake();
  await ctx.app.deliveryWorker.idle();
}

/** The messages the push service got for these browsers since `from`. */
function messagesTo(browsers: readonly TestBrowser[], from = 0) {
  const names = new Set(browsers.map((browser) => browser.name));
  return service.received.slice(from).filter((message) => names.has(message.browser));
}

/** The messages a browser really got (its push service accepted them), decrypted. */
function gotBy(browser: TestBrowser, from = 0) {
  return messagesTo([browser], from)
    .filter((message) => message.status < 300)
    .map((message) => browser.decrypt(message.body) as PushPayload);
}

/** Runs the delivery's tries until it is no longer waiting for one, moving the clock to each. */
async function runUntilSettled(userId: number): Promise<void> {
  for (let attempt = 1; attempt <= ctx.config.deliveryMaxAttempts; attempt++) {
    await runDue();
    const [row] = await pushDeliveriesOf(userId);
    if (row?.status !== 'retrying') return;
    ctx.clock.set(row.due_at);
  }
}

describe('push messages', () => {
  it('sends a live start at once to the browser: VAPID-signed, encrypted, urgent and short-lived', async () => {
    const { user, browsers } = await userWithBrowsers();
    const [browser] = browsers as [TestBrowser];
    const host = await ctx.buildUser({ role: 'host' });
    const webinarId = await ctx.buildWebinar(host.id, 'Intro to Rust');
    const before = service.received.length;
    // Live, as when a live start notifies: "Join now" is offered while the session is on.
    await ctx.database.db
      .updateTable('webinars')
      .set({ status: 'live' })
      .where('id', '=', webinarId)
      .execute();
    await ctx.notify({ ...simple('live_started', [user.id], 'Live now: Intro to Rust'), webinarId });
    await runDue();
    await service.waitForMessages(before + 1);

    const [message] = messagesTo(browsers, before);
    expect(message?.vapidProblem).toBeNull();
    const key = await ctx.as(user, { method: 'GET', url: '/api/auth/me/push/public-key/' });
    expect(message?.vapidKey).toBe(key.json().public_key);
    expect(message?.headers.ttl).toBe('300');
    expect(message?.headers.urgency).toBe('high');
    expect(message?.headers['content-encoding']).toBe('aes128gcm');
    const payload = browser.decrypt(message?.body ?? Buffer.alloc(0)) as PushPayload;
    expect(payload).toMatchObject({
      title: 'Live now: Intro to Rust',
      url: `${PUBLIC_URL}/webinars/${webinarId}`,
      tag: `live_started-${webinarId}`,
      icon: `${PUBLIC_URL}/icon.svg`,
      actions: [{ action: 'join_live', title: 'Join now', url: `${PUBLIC_URL}/webinars/${webinarId}` }],
    });

    expect(await pushDeliveriesOf(user.id)).toMatchObject([
      { status: 'sent', attempts: 1, address: 'Chrome on Linux' },
    ]);
    const [stored] = await subscriptionsOf(user.id);
    expect(stored?.last_used_at).not.toBeNull();
  });

  it('a live start that reaches the browser after the session ended opens the webinar, and offers no "Join now"', async () => {
    const { user, browsers } = await userWithBrowsers();
    const [browser] = browsers as [TestBrowser];
    const host = await ctx.buildUser({ role: 'host' });
    const webinarId = await ctx.buildWebinar(host.id, 'Over already');
    await ctx.database.db
      .updateTable('webinars')
      .set({ status: 'ended' })
      .where('id', '=', webinarId)
      .execute();
    const before = service.received.length;
    await ctx.notify({ ...simple('live_started', [user.id], 'Live now: Over already'), webinarId });
    await runDue();
    await service.waitForMessages(before + 1);
    const [message] = messagesTo(browsers, before);
    expect(browser.decrypt(message?.body ?? Buffer.alloc(0))).toMatchObject({
      title: 'Live now: Over already',
      url: `${PUBLIC_URL}/webinars/${webinarId}`,
      actions: [],
    });
  });

  it('sends an approval with a day to live at normal urgency, to every browser of the user', async () => {
    const { user, browsers } = await userWithBrowsers(2);
    const host = await ctx.buildUser({ role: 'host' });
    const webinarId = await ctx.buildWebinar(host.id, 'Calendars 101');
    const before = service.received.length;
    await ctx.notify({ ...simple('registration_approved', [user.id], 'Approved: Calendars 101'), webinarId });
    await runDue();
    await service.waitForMessages(before + 2);

    const messages = messagesTo(browsers, before);
    expect(messages.map((message) => message.browser).sort()).toEqual(browsers.map((b) => b.name).sort());
    for (const message of messages) {
      expect(message.vapidProblem).toBeNull();
      expect(message.headers.ttl).toBe('86400');
      expect(message.headers.urgency).toBe('normal');
      const browser = browsers.find((b) => b.name === message.browser) as TestBrowser;
      expect(browser.decrypt(message.body)).toMatchObject({
        title: 'Approved: Calendars 101',
        actions: [
          { action: 'view_webinar', title: 'View webinar', url: `${PUBLIC_URL}/webinars/${webinarId}` },
          {
            action: 'add_to_calendar',
            title: 'Add to calendar',
            url: `${PUBLIC_URL}/api/webinars/${webinarId}/calendar.ics`,
          },
        ],
      });
    }
    // One delivery per user, however many browsers.
    expect(await pushDeliveriesOf(user.id)).toMatchObject([{ status: 'sent' }]);
  });

  it('queues nothing for a type push is off for, until the user turns it on', async () => {
    const { user, browsers } = await userWithBrowsers();
    await ctx.notify(simple('announcement', [user.id], 'Quiet news'));
    expect(await pushDeliveriesOf(user.id)).toEqual([]);

    const turnOn = await ctx.as(user, {
      method: 'PUT',
      url: '/api/notifications/channel-preferences/',
      payload: { announcement: { push: true } },
    });
    expect(turnOn.statusCode, turnOn.body).toBe(200);
    const before = service.received.length;
    await ctx.notify(simple('announcement', [user.id], 'Loud news'));
    await runDue();
    await service.waitForMessages(before + 1);
    const [message] = messagesTo(browsers, before);
    expect(browsers[0]?.decrypt(message?.body ?? Buffer.alloc(0))).toMatchObject({
      title: 'Loud news',
      url: `${PUBLIC_URL}/notifications`,
      // Nothing to act on without a webinar: a click opens the notifications.
      actions: [],
    });
    expect(message?.headers.urgency).toBe('normal');
  });

  it('queues no push for a user without a browser, and skips one whose browsers left or who turned push off', async () => {
    const alone = await ctx.buildUser();
    await ctx.notify(simple('live_started', [alone.id], 'Nobody listens'));
    expect(await pushDeliveriesOf(alone.id)).toEqual([]);

    const { user: leaving } = await userWithBrowsers();
    const { user: quiet } = await userWithBrowsers();
    await ctx.notify(simple('live_started', [leaving.id, quiet.id], 'Too late'));
    const [subscription] = await subscriptionsOf(leaving.id);
    const removed = await ctx.as(leaving, { method: 'DELETE', url: `${SUBSCRIPTIONS}${subscription?.id}/` });
    expect(removed.statusCode, removed.body).toBe(204);
    const turnOff = await ctx.as(quiet, {
      method: 'PUT',
      url: '/api/notifications/channel-preferences/',
      payload: { live_started: { push: false } },
    });
    expect(turnOff.statusCode, turnOff.body).toBe(200);
    await runDue();
    expect(await pushDeliveriesOf(leaving.id)).toMatchObject([
      { status: 'skipped', reason: 'no browser subscribed' },
    ]);
    expect(await pushDeliveriesOf(quiet.id)).toMatchObject([
      { status: 'skipped', reason: 'push is off for this type' },
    ]);
  });
});

describe('what push services answer', () => {
  it('forgets a browser whose push service answers 410, and still sends to the others', async () => {
    const { user, browsers } = await userWithBrowsers(2);
    const [gone, kept] = browsers as [TestBrowser, TestBrowser];
    service.answer(gone.name, 410);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'One of two'));
    await runDue();
    await service.waitForMessages(before + 2);
    expect(await pushDeliveriesOf(user.id)).toMatchObject([{ status: 'sent', address: 'Chrome on Linux' }]);
    expect((await subscriptionsOf(user.id)).map((row) => row.endpoint)).toEqual([kept.endpoint]);
  });

  it('fails the delivery when the only browser is gone (404), and removes it', async () => {
    const { user, browsers } = await userWithBrowsers();
    service.answer(browsers[0]?.name ?? '', 404);
    await ctx.notify(simple('live_started', [user.id], 'Nobody home'));
    await runDue();
    const [row] = await pushDeliveriesOf(user.id);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.reason).toContain('404');
    expect(await subscriptionsOf(user.id)).toEqual([]);
  });

  it('retries a 500 later, then sends it', async () => {
    const { user, browsers } = await userWithBrowsers();
    service.answer(browsers[0]?.name ?? '', 500);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'Try again'));
    await runDue();
    const [waiting] = await pushDeliveriesOf(user.id);
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(waiting?.reason).toContain('500');
    expect(waiting?.due_at.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    expect(await subscriptionsOf(user.id)).toHaveLength(1);

    ctx.clock.set(waiting?.due_at ?? new Date());
    await runDue();
    await service.waitForMessages(before + 2);
    expect(await pushDeliveriesOf(user.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('retries only the browser that missed it: each of two browsers gets the message once', async () => {
    const user = await ctx.buildUser();
    const flaky = service.browser();
    const steady = service.browser();
    expect((await subscribe(user, flaky, FIREFOX_ON_WINDOWS)).statusCode).toBe(201);
    expect((await subscribe(user, steady)).statusCode).toBe(201);
    const [flakyId, steadyId] = (await subscriptionsOf(user.id))
      .sort((a, b) => a.id - b.id)
      .map((row) => row.id);
    service.answer(flaky.name, 503);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'Twice asked, once shown'));
    await runDue();
    await service.waitForMessages(before + 2);

    // One browser has it, the other waits for the retry.
    const [waiting] = await pushDeliveriesOf(user.id);
    expect(waiting).toMatchObject({
      status: 'retrying',
      attempts: 1,
      address: 'Chrome on Linux',
      received_by: [steadyId],
    });
    expect(waiting?.reason).toContain('503');
    expect(gotBy(steady, before)).toHaveLength(1);
    expect(gotBy(flaky, before)).toHaveLength(0);

    ctx.clock.set(waiting?.due_at ?? new Date());
    await runDue();
    await service.waitForMessages(before + 3);
    expect(messagesTo([steady], before)).toHaveLength(1);
    expect(messagesTo([flaky], before)).toHaveLength(2);
    for (const browser of [flaky, steady])
      expect(gotBy(browser, before)).toMatchObject([{ title: 'Twice asked, once shown' }]);
    const [row] = await pushDeliveriesOf(user.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 2,
      reason: null,
      address: 'Chrome on Linux, Firefox on Windows',
    });
    expect([...(row?.received_by ?? [])].sort()).toEqual([flakyId, steadyId].sort());
  });

  it('when every browser keeps failing, retries them all and gives up after the last try', async () => {
    const { user, browsers } = await userWithBrowsers(2);
    for (const browser of browsers) service.answer(browser.name, 503, ctx.config.deliveryMaxAttempts);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'Never shown'));
    await runUntilSettled(user.id);

    const [row] = await pushDeliveriesOf(user.id);
    expect(row).toMatchObject({ status: 'failed', attempts: ctx.config.deliveryMaxAttempts, address: null });
    expect(row?.reason).toMatch(/^gave up after \d+ tries: .*503/);
    for (const browser of browsers) {
      expect(messagesTo([browser], before)).toHaveLength(ctx.config.deliveryMaxAttempts);
      expect(gotBy(browser, before)).toEqual([]);
    }
    expect(await subscriptionsOf(user.id)).toHaveLength(2);
  });

  it('gives up on a browser that keeps failing while the one that got it gets nothing more: sent, with why', async () => {
    const user = await ctx.buildUser();
    const flaky = service.browser();
    const steady = service.browser();
    expect((await subscribe(user, flaky, FIREFOX_ON_WINDOWS)).statusCode).toBe(201);
    expect((await subscribe(user, steady)).statusCode).toBe(201);
    service.answer(flaky.name, 503, ctx.config.deliveryMaxAttempts);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'Half shown'));
    await runUntilSettled(user.id);

    const [row] = await pushDeliveriesOf(user.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: ctx.config.deliveryMaxAttempts,
      address: 'Chrome on Linux',
    });
    expect(row?.reason).toMatch(/^not to every browser: gave up after \d+ tries: .*503/);
    expect(messagesTo([steady], before)).toHaveLength(1);
    expect(messagesTo([flaky], before)).toHaveLength(ctx.config.deliveryMaxAttempts);
    expect(gotBy(flaky, before)).toEqual([]);
  });

  it('is sent without another try when the browser that missed it is removed meanwhile', async () => {
    const user = await ctx.buildUser();
    const flaky = service.browser();
    const steady = service.browser();
    expect((await subscribe(user, flaky, FIREFOX_ON_WINDOWS)).statusCode).toBe(201);
    expect((await subscribe(user, steady)).statusCode).toBe(201);
    service.answer(flaky.name, 500);
    const before = service.received.length;
    await ctx.notify(simple('live_started', [user.id], 'Left behind'));
    await runDue();
    const [waiting] = await pushDeliveriesOf(user.id);
    expect(waiting).toMatchObject({ status: 'retrying' });
    const flakyRow = (await subscriptionsOf(user.id)).find((row) => row.endpoint === flaky.endpoint);
    const removed = await ctx.as(user, { method: 'DELETE', url: `${SUBSCRIPTIONS}${flakyRow?.id}/` });
    expect(removed.statusCode, removed.body).toBe(204);

    ctx.clock.set(waiting?.due_at ?? new Date());
    await runDue();
    expect(await pushDeliveriesOf(user.id)).toMatchObject([
      { status: 'sent', attempts: 2, reason: null, address: 'Chrome on Linux' },
    ]);
    expect(messagesTo([flaky, steady], before)).toHaveLength(2);
  });

  it('retries a 429, and fails another 4xx for good', async () => {
    const { user: limited, browsers: limitedBrowsers } = await userWithBrowsers();
    const { user: refused, browsers: refusedBrowsers } = await userWithBrowsers();
    service.answer(limitedBrowsers[0]?.name ?? '', 429);
    service.answer(refusedBrowsers[0]?.name ?? '', 400);
    await ctx.notify(simple('live_started', [limited.id, refused.id], 'Refused'));
    await runDue();
    expect(await pushDeliveriesOf(limited.id)).toMatchObject([{ status: 'retrying' }]);
    const [row] = await pushDeliveriesOf(refused.id);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.reason).toContain('400');
    expect(await subscriptionsOf(refused.id)).toHaveLength(1);
  });
});

describe("the admins' push policy", () => {
  it('an admin pushes a type at once, or if unread; a digest is refused for push', async () => {
    const admin = await ctx.buildUser({ role: 'admin' });
    const put = (timing: string, delay?: number) =>
      ctx.as(admin, {
        method: 'PUT',
        url: '/api/admin/delivery-policies/live_ended/push/',
        payload: { timing, ...(delay ? { delay_minutes: delay } : {}) },
      });
    const digest = await put('digest', 30);
    expect(digest.statusCode).toBe(400);
    expect(digest.json().error.fields.timing).toContain('one notification at a time');
    expect((await put('if_unread', 10)).statusCode).toBe(200);
    const immediate = await put('immediate');
    expect(immediate.json()).toMatchObject({ channel: 'push', timing: 'immediate' });

    const { user, browsers } = await userWithBrowsers();
    const before = service.received.length;
    await ctx.notify(simple('live_ended', [user.id], 'It is over'));
    await runDue();
    await service.waitForMessages(before + 1);
    const [message] = messagesTo(browsers, before);
    expect(message?.headers.urgency).toBe('low');
    expect(message?.headers.ttl).toBe('3600');
    expect((await put('off')).statusCode).toBe(200);
  });
});

describe('the admin log', () => {
  it('lists push deliveries by channel and previews their payload', async () => {
    const admin = await ctx.buildUser({ role: 'admin' });
    const { user } = await userWithBrowsers();
    await ctx.notify(simple('live_started', [user.id], 'Logged push'));
    await runDue();
    const list = await ctx.as(admin, {
      method: 'GET',
      url: `/api/admin/deliveries/?channel=push&user=${user.id}`,
    });
    expect(list.statusCode, list.body).toBe(200);
    const [delivery] = list.json().results;
    expect(delivery).toMatchObject({ channel: 'push', status: 'sent', title: 'Logged push' });
    const preview = await ctx.as(admin, {
      method: 'GET',
      url: `/api/admin/deliveries/${delivery.id}/preview/`,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().push_payload).toMatchObject({
      title: 'Logged push',
      url: `${PUBLIC_URL}/notifications`,
    });
  });
});

describe('the subscription routes', () => {
  it('subscribing is idempotent on the endpoint, and a browser changing hands moves to its new user', async () => {
    const alice = await ctx.buildUser();
    const bob = await ctx.buildUser();
    const browser = service.browser();
    expect((await subscribe(alice, browser)).statusCode).toBe(201);
    const again = await subscribe(
      alice,
      browser,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ endpoint: browser.endpoint, device_label: 'Firefox on Windows' });

    const list = await ctx.as(alice, { method: 'GET', url: SUBSCRIPTIONS });
    expect(list.json().results).toMatchObject([{ id: again.json().id, endpoint: browser.endpoint }]);

    expect((await subscribe(bob, browser)).statusCode).toBe(200);
    expect((await ctx.as(alice, { method: 'GET', url: SUBSCRIPTIONS })).json().results).toEqual([]);
    expect((await ctx.as(bob, { method: 'GET', url: SUBSCRIPTIONS })).json().results).toHaveLength(1);
  });

  it("one user can neither list nor delete another's browsers", async () => {
    const { user: alice } = await userWithBrowsers();
    const bob = await ctx.buildUser();
    const [mine] = await subscriptionsOf(alice.id);
    expect((await ctx.as(bob, { method: 'GET', url: SUBSCRIPTIONS })).json().results).toEqual([]);
    const stolen = await ctx.as(bob, { method: 'DELETE', url: `${SUBSCRIPTIONS}${mine?.id}/` });
    expect(stolen.statusCode).toBe(404);
    expect(await subscriptionsOf(alice.id)).toHaveLength(1);
  });

  it('refuses bad input with a 400 and keeps nothing', async () => {
    const user = await ctx.buildUser();
    const { keys } = service.browser();
    const bad: Array<[string, unknown]> = [
      ['no keys', { endpoint: 'https://push.example.com/x' }],
      ['not a URL', { endpoint: 'not a url', keys }],
      ['plain http elsewhere', { endpoint: 'http://push.example.com/x', keys }],
      ['a private address', { endpoint: 'https://10.0.0.5/x', keys }],
      ['https loopback', { endpoint: 'https://127.0.0.1/x', keys }],
      ['a short key', { endpoint: 'https://push.example.com/x', keys: { ...keys, p256dh: 'A'.repeat(80) } }],
      ['a short secret', { endpoint: 'https://push.example.com/x', keys: { ...keys, auth: 'A'.repeat(17) } }],
      ['an unknown field', { endpoint: 'https://push.example.com/x', keys, extra: 1 }],
      ['a ftp URL', { endpoint: 'ftp://push.example.com/x', keys }],
    ];
    for (const [what, payload] of bad) {
      const response = await ctx.as(user, { method: 'POST', url: SUBSCRIPTIONS, payload: payload as object });
      expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    }
    for (const id of ['abc', '0', '-1']) {
      const response = await ctx.as(user, { method: 'DELETE', url: `${SUBSCRIPTIONS}${id}/` });
      expect(response.statusCode, id).toBe(400);
    }
    expect(await subscriptionsOf(user.id)).toEqual([]);
  });

  it('accepts a public https endpoint', async () => {
    const user = await ctx.buildUser();
    const { keys } = service.browser();
    const response = await subscribe(user, { endpoint: 'https://fcm.googleapis.com/fcm/send/abc123', keys });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses a plain-http loopback endpoint unless PUSH_ALLOW_INSECURE_ENDPOINTS is on', async () => {
    const strict = await ctx.buildAnotherApp({ pushAllowInsecureEndpoints: false });
    const user = await ctx.buildUser();
    const browser = service.browser();
    const response = await strict.inject({
      method: 'POST',
      url: SUBSCRIPTIONS,
      headers: { authorization: `Bearer ${user.token}` },
      payload: { endpoint: browser.endpoint, keys: browser.keys },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.endpoint).toContain('https');
  });

  it('with PostgreSQL and no VAPID keys, push is off: no public key, and subscribing says why', async () => {
    const withoutKeys = await ctx.buildAnotherApp({
      databaseUrl: 'postgresql://configured.example/db',
      vapid: undefined,
    });
    const user = await ctx.buildUser();
    const headers = { authorization: `Bearer ${user.token}` };
    const key = await withoutKeys.inject({ method: 'GET', url: '/api/auth/me/push/public-key/', headers });
    expect(key.json()).toEqual({ public_key: null });
    const browser = service.browser();
    const refused = await withoutKeys.inject({
      method: 'POST',
      url: SUBSCRIPTIONS,
      headers,
      payload: { endpoint: 'https://push.example.com/send/x', keys: browser.keys },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('not configured');
  });

  it('needs a signed-in user, and the CSRF token with a cookie session', async () => {
    const browser = service.browser();
    const payload = { endpoint: browser.endpoint, keys: browser.keys };
    expect((await ctx.app.inject({ method: 'GET', url: SUBSCRIPTIONS })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: SUBSCRIPTIONS, payload })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me/push/public-key/' })).statusCode).toBe(
      401,
    );
    const user = await ctx.buildUser();
    const session = await ctx.signIn(user.username);
    expect((await session.request({ method: 'POST', url: SUBSCRIPTIONS, payload }, false)).statusCode).toBe(
      403,
    );
    expect((await session.request({ method: 'POST', url: SUBSCRIPTIONS, payload })).statusCode).toBe(201);
  });
});
