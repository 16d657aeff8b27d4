// Web push in a real browser: the settings page's "Turn on for this browser" (the permission is
// granted to the context, so the browser asks nothing), the app's service worker receiving a push
// message through the DevTools protocol (ServiceWorker.deliverPushMessage) and showing it, and a
// click on that notification taking the page to the webinar. Screenshots at 1280 and 390 px.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { expectNoAxeViolations, guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import { apiGet, apiToken, DESKTOP, PHONE, screenshotPath, signIn } from './helpers.ts';

const SETTINGS = '/settings/notifications';

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  data: { url: string; actions: Record<string, string> };
  actions: Array<{ action: string; title: string }>;
}

function pushSection(page: Page) {
  return page.getByRole('region', { name: 'Push notifications on this browser' });
}

/** The id DevTools gives the app's service worker registration, once it is active. */
async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const registration = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

function notificationsShown(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data,
      actions: (n as Notification & { actions: Array<{ action: string; title: string }> }).actions,
    }));
  });
}

async function signedInWithNotifications(context: BrowserContext, page: Page, baseURL: string) {
  await context.grantPermissions(['notifications'], { origin: baseURL });
  await signIn(page, 'alice');
  // The service worker controls the page once it is active (it claims its clients).
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('the settings page turns push on for this browser, lists it, and removes it', async ({
  page,
  context,
  baseURL,
}) => {
  // Subscribing, then axe at two widths: longer than one page's test.
  test.setTimeout(90_000);
  const origin = baseURL as string;
  await signedInWithNotifications(context, page, origin);
  const guard = guardConsole(page);
  await page.goto(SETTINGS);
  const section = pushSection(page);
  const turnOn = section.getByRole('button', { name: 'Turn on for this browser' });
  await expect(turnOn).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Push' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Push for Live Started' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  await turnOn.click();
  // Chromium offers no push service in Playwright's incognito-like contexts: pushManager.subscribe
  // fails, and the page says so. A browser with one subscribes and is listed as "This browser".
  const subscribed = section.getByText('This browser', { exact: true });
  const refused = section.getByRole('alert');
  await expect(subscribed.or(refused)).toBeVisible({ timeout: 15_000 });
  const headlessWithoutPushService = await refused.isVisible();
  test.info().annotations.push({
    type: 'push subscribe',
    description: headlessWithoutPushService
      ? `pushManager.subscribe failed: ${await refused.textContent()}`
      : 'subscribed at the browser push service',
  });
  process.stdout.write(`push subscribe: ${test.info().annotations.at(-1)?.description}\n`);
  if (headlessWithoutPushService) {
    // Chromium logs why: Playwright's contexts are incognito-like, where Chrome offers no Push API.
    guard.expect(/does not support the Push API in incognito mode/);
    // The server side of the same step, with a subscription such as a browser gives, posted by the
    // page the way the app posts (session cookie and CSRF header).
    const status = await page.evaluate(async () => {
      const csrf = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/)?.[1] ?? '';
      const p256dh = `B${'A'.repeat(86)}`;
      const response = await fetch('/api/auth/me/push/subscriptions/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({
          endpoint: `https://push.example.com/send/${crypto.randomUUID()}`,
          expirationTime: null,
          keys: { p256dh, auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
        }),
      });
      return response.status;
    });
    expect(status).toBe(201);
    await page.reload();
  }
  // Playwright's desktop Chrome says it runs on Windows.
  const row = section.getByRole('listitem').filter({ hasText: 'Chrome on Windows' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText('Added');

  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: screenshotPath('push-settings-1280'), fullPage: true });
  await expectNoAxeViolations(page, 'notification settings with push, 1280 px');
  await page.setViewportSize(PHONE);
  await expect(section).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: screenshotPath('push-settings-390'), fullPage: true });
  await expectNoAxeViolations(page, 'notification settings with push, 390 px');
  await page.setViewportSize(DESKTOP);

  const listed = await section.getByRole('listitem').count();
  await row.getByRole('button', { name: /^Remove Chrome on Windows/ }).click();
  await expect(section.getByText(/Push notifications turned off for Chrome on Windows/)).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(listed - 1);
  guard.check();
});

test('the service worker shows a push message, and a click on it opens the webinar', async ({
  page,
  context,
  baseURL,
  request,
}) => {
  const origin = baseURL as string;
  await signedInWithNotifications(context, page, origin);
  const token = await apiToken(request, 'alice');
  const webinars = await apiGet<{ results: Array<{ id: number; title: string }> }>(
    request,
    token,
    '/api/webinars/',
  );
  const webinar = webinars.results[0];
  if (!webinar) throw new Error('the demo data has no webinar');
  const url = `${origin}/webinars/${webinar.id}`;
  const payload = {
    title: `Live now: ${webinar.title}`,
    body: 'The host started the session.',
    url,
    tag: `live_started-${webinar.id}`,
    icon: `${origin}/icon.svg`,
    actions: [{ action: 'join_live', title: 'Join now', url }],
  };

  const cdp = await context.newCDPSession(page);
  const id = await registrationId(cdp, origin);
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin,
    registrationId: id,
    data: JSON.stringify(payload),
  });
  await expect
    .poll(async () => (await notificationsShown(page)).map((n) => n.title))
    .toEqual([payload.title]);
  const [shown] = await notificationsShown(page);
  expect(shown).toMatchObject({
    body: payload.body,
    tag: payload.tag,
    actions: [{ action: 'join_live', title: 'Join now' }],
    data: { url, actions: { join_live: url } },
  });

  // DevTools cannot click a notification: the service worker gets the click event its own way,
  // dispatched in its scope with the notification it shows. It moves the app's window there.
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  await worker.evaluate(async () => {
    const scope = self as unknown as {
      registration: ServiceWorkerRegistration;
      dispatchEvent(event: Event): boolean;
      NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
    };
    const [notification] = await scope.registration.getNotifications();
    if (!notification) throw new Error('no notification shown');
    scope.dispatchEvent(
      new scope.NotificationEvent('notificationclick', { notification, action: 'join_live' }),
    );
  });
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('heading', { level: 1, name: webinar.title })).toBeVisible();
  await expect.poll(async () => (await notificationsShown(page)).length).toBe(0);
});
