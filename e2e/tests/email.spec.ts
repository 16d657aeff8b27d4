// The email channel end to end, against the real server without SMTP_URL: every email is rendered
// into the delivery log (status "skipped", "rendered only") and the admin's preview shows it.
// A student's new address is verified through the link of its email; the matrix keeps a change;
// each kind of notification email is pictured; an unsubscribe link works signed out. The digest
// has a spec of its own (email-digest.spec.ts).
import type { Page } from '@playwright/test';
import { guardConsole } from './a11y.ts';
import { type Delivery, pictureEmail, preview, WORKER_TIMEOUT, waitForDelivery } from './delivery-log.ts';
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  DESKTOP,
  myUserId,
  newSignedInPage,
  PHONE,
  screenshotPath,
  signIn,
  unique,
} from './helpers.ts';

/** The path of a link in an email (the emails link to PUBLIC_URL, here the server's localhost URL). */
function linkPath(html: string, prefix: '/verify-email/' | '/unsubscribe/'): string {
  const match = html.match(new RegExp(`${prefix}([A-Za-z0-9._~%-]+)`));
  if (!match) throw new Error(`no ${prefix} link in the email`);
  return match[0];
}

/** No sideways scrolling: the page is no wider than the window. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe.configure({ mode: 'serial' });

test('a student sets a new address, verifies it through the link the admin finds in the log, and the matrix keeps a change', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(90_000);
  const adminToken = await apiToken(request, 'admin');
  const address = `carol.${unique()}@example.net`;

  await signIn(page, 'carol');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
  await expect(page).toHaveTitle(/Notification settings/);
  const contact = page.getByRole('region', { name: 'Contact' });
  await contact.getByLabel('Email address').fill(address);
  await contact.getByRole('button', { name: 'Save address' }).click();
  await expect(contact.getByText('Waiting for verification')).toBeVisible();
  await expect(contact.getByRole('button', { name: 'Send the link again' })).toBeVisible();
  const matrix = page.getByRole('region', { name: 'Notifications' });
  await expect(matrix.getByRole('switch', { name: 'Email for Live Started' })).toBeDisabled();

  // The admin finds the verification email in the log and opens it.
  const admin = await newSignedInPage({ browser, baseURL }, 'admin');
  let verifyPath: string;
  try {
    // The navbar's link: the dashboard, once drawn, has a second one.
    await admin.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deliveries', exact: true })
      .click();
    await expect(admin.page).toHaveURL(/\/dashboard\/deliveries$/);
    await expect(admin.page.getByRole('heading', { level: 1, name: 'Deliveries' })).toBeVisible();
    await admin.page.getByLabel('User').fill('carol');
    const link = admin.page.getByRole('table').getByRole('link', { name: `Verify ${address}` });
    await expect(link.first()).toBeVisible();
    await admin.page.screenshot({ animations: 'disabled', path: screenshotPath('deliveries') });
    await link.first().click();
    await expect(admin.page).toHaveURL(/\/dashboard\/deliveries\/\d+$/);
    const id = Number(admin.page.url().split('/').at(-1));
    const frame = admin.page.getByTitle('Email preview');
    await expect(frame).toHaveAttribute('sandbox', '');
    const email = admin.page.frameLocator('iframe[title="Email preview"]');
    await expect(email.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
    await expect(email.getByText(`Confirm that ${address} is yours`)).toBeVisible();
    await admin.page.screenshot({
      animations: 'disabled',
      path: screenshotPath('delivery-detail'),
      fullPage: true,
    });
    // On a phone: the facts stack and long addresses wrap, nothing scrolls sideways.
    await admin.page.setViewportSize(PHONE);
    await expect(admin.page.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expectNoHorizontalScroll(admin.page);
    await admin.page.screenshot({ animations: 'disabled', path: screenshotPath('delivery-detail-phone') });
    await admin.page.goto('/dashboard/deliveries');
    await expect(admin.page.getByRole('list', { name: 'Deliveries' })).toBeVisible();
    await expectNoHorizontalScroll(admin.page);
    await admin.page.screenshot({ animations: 'disabled', path: screenshotPath('deliveries-phone') });
    await admin.page.setViewportSize(DESKTOP);
    const message = await preview(request, adminToken, id);
    expect(message.text).toContain('/verify-email/');
    verifyPath = linkPath(message.html, '/verify-email/');
    await pictureEmail(admin.page, id, 'verification');
  } finally {
    await admin.context.close();
  }

  // Carol opens the link of her email.
  await page.goto(verifyPath);
  await expect(page.getByText(`Your address ${address} is verified.`)).toBeVisible();
  await page.getByRole('link', { name: 'Notification settings' }).click();
  await expect(contact.getByText('Verified', { exact: true })).toBeVisible();

  // Email for a type that is off by default: on, and still on after a reload.
  const liveEnded = matrix.getByRole('switch', { name: 'Email for Live Ended' });
  await expect(liveEnded).toBeEnabled();
  await expect(liveEnded).toHaveAttribute('aria-checked', 'false');
  const saved = page.waitForResponse(
    (response) =>
      response.url().includes('/api/notifications/channel-preferences/') &&
      response.request().method() === 'PUT',
  );
  await liveEnded.click();
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect(matrix.getByRole('switch', { name: 'Email for Live Ended' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(matrix.getByRole('button', { name: 'Reset Email for Live Ended to default' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.screenshot({ animations: 'disabled', path: screenshotPath('settings-desktop'), fullPage: true });
  await page.setViewportSize(PHONE);
  await expect(matrix.getByRole('switch', { name: 'Email for Live Ended' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.screenshot({ animations: 'disabled', path: screenshotPath('settings-phone'), fullPage: true });
  await page.setViewportSize(DESKTOP);
});

test('every kind of notification email is rendered, and its unsubscribe link works signed out', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const adminToken = await apiToken(request, 'admin');
  const hostToken = await apiToken(request, 'host');
  const bobToken = await apiToken(request, 'bob');
  const bobId = await myUserId(request, bobToken);
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const title = `Email rendering clinic ${unique()}`;
  const webinar = await apiPost<{ id: number }>(request, hostToken, '/api/webinars/', {
    title,
    description: 'What each email looks like.',
    starts_at: new Date(Date.now() + 3 * 3600_000).toISOString(),
    duration_minutes: 45,
  });
  const registration = await apiPost<{ id: number }>(
    request,
    bobToken,
    `/api/webinars/${webinar.id}/register/`,
  );
  await apiPost(request, hostToken, `/api/registrations/${registration.id}/approve/`);
  await apiPost(request, adminToken, `/api/webinars/${webinar.id}/remind/`);
  await apiPost(request, hostToken, `/api/live-sessions/${webinar.id}/start/`);
  await apiPost(request, adminToken, '/api/communications/announcements/', {
    title: `Email week ${unique()}`,
    content: 'This week every notification is also an email.',
  });

  // Bob's newest delivery of each type made by this test.
  const byType = async (type: string) =>
    waitForDelivery(request, adminToken, {
      user: String(bobId),
      notification_type: type,
      created_after: startedAt,
    });
  const approved = await byType('registration_approved');
  const reminder = await byType('upcoming_webinar');
  const live = await byType('live_started');
  const announcement = await byType('announcement');

  // The webinar's calendar invite goes with the approval and the reminder.
  expect((await preview(request, adminToken, approved.id)).attachments.map((a) => a.filename)).toEqual([
    'webinar.ics',
  ]);

  const admin = await newSignedInPage({ browser, baseURL }, 'admin', { width: DESKTOP.width, height: 1800 });
  try {
    await pictureEmail(admin.page, approved.id, 'registration_approved');
    await pictureEmail(admin.page, reminder.id, 'upcoming_webinar');
    await pictureEmail(admin.page, live.id, 'live_started');
    await pictureEmail(admin.page, announcement.id, 'announcement');

    // Without SMTP the live email was rendered and skipped: "Retry" queues it again, the API
    // accepts, and the worker renders it (and skips it) once more.
    await expect
      .poll(
        async () => (await apiGet<Delivery>(request, adminToken, `/api/admin/deliveries/${live.id}/`)).status,
        {
          timeout: WORKER_TIMEOUT,
        },
      )
      .toBe('skipped');
    await admin.page.goto(`/dashboard/deliveries/${live.id}`);
    await admin.page.getByRole('button', { name: 'Retry' }).click();
    await expect(admin.page.getByText('Queued again: it is due now.')).toBeVisible();
    await expect(admin.page.getByRole('alert')).toHaveCount(0);
  } finally {
    await admin.context.close();
  }

  // The unsubscribe link of the live email, opened by nobody signed in.
  const unsubscribePath = linkPath((await preview(request, adminToken, live.id)).html, '/unsubscribe/');
  const visitor = await browser.newContext({ baseURL, viewport: PHONE });
  try {
    const stranger = await visitor.newPage();
    guardConsole(stranger);
    await stranger.goto(unsubscribePath);
    await expect(stranger).toHaveURL(new RegExp(`${unsubscribePath}$`));
    await expect(stranger.getByText(/Stop emails about Live Started to bob@example\.com\?/)).toBeVisible();
    await stranger.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(
      stranger.getByText('You will no longer receive emails about Live Started at bob@example.com.'),
    ).toBeVisible();
    await expect(stranger.getByRole('button', { name: 'Subscribe again' })).toBeVisible();
    await expectNoHorizontalScroll(stranger);
    await stranger.screenshot({ animations: 'disabled', path: screenshotPath('unsubscribe') });
  } finally {
    await visitor.close();
  }

  await signIn(page, 'bob');
  await page.goto('/settings/notifications');
  const matrix = page.getByRole('region', { name: 'Notifications' });
  await expect(matrix.getByRole('switch', { name: 'Email for Live Started' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(matrix.getByRole('switch', { name: 'Email for Registration Approved' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  // The webinar's page offers its calendar file.
  await page.goto(`/webinars/${webinar.id}`);
  const calendar = page.getByRole('link', { name: 'Add to calendar' });
  await expect(calendar).toHaveAttribute('href', `/api/webinars/${webinar.id}/calendar.ics`);
  await expect(calendar).toHaveAttribute('download', /\.ics$/);
  const download = page.waitForEvent('download');
  await calendar.click();
  expect((await download).suggestedFilename()).toMatch(/\.ics$/);
  const ics = await page.request.get(`/api/webinars/${webinar.id}/calendar.ics`);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain(title);
});
