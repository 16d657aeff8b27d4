// The student's side of issue 20: long texts at phone width, pages kept current by live events,
// delete with undo that survives a reload, the Undo button's contrast, no layout shift while the
// notifications page loads, and a quiet session probe on /login.
import type { Page } from '@playwright/test';
import { guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  LIVE_TIMEOUT,
  myUserId,
  openBell,
  PHONE,
  recentNotifications,
  screenshotPath,
  signIn,
  unique,
} from './helpers.ts';

const LONG_WORD = `Supercalifragilisticexpialidocious${'x'.repeat(90)}`;
const LONG_URL = `https://example.com/${'very-long-path-segment-'.repeat(8)}?query=${'y'.repeat(60)}`;

/** Sends the user a notification through the admin API; returns its title. */
async function notify(
  request: Parameters<typeof apiToken>[0],
  username: string,
  title: string,
  content = 'A notification made by the browser tests.',
  webinarId?: number,
): Promise<string> {
  const adminToken = await apiToken(request, 'admin');
  const userId = await myUserId(request, await apiToken(request, username));
  await apiPost(request, adminToken, '/api/admin/notifications/', {
    user_ids: [userId],
    notification_type: 'system',
    title,
    content,
    ...(webinarId ? { webinar_id: webinarId } : {}),
  });
  return title;
}

async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(
    widths.scroll,
    `${label}: page width ${widths.scroll} px in a ${widths.client} px window`,
  ).toBeLessThanOrEqual(widths.client);
}

/** The notifications page's row holding this title. */
function row(page: Page, title: string) {
  return page.locator('li[data-unread]').filter({ hasText: title });
}

test('inbox: long words and URLs wrap at 390 px: no page scrolls sideways', async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  const title = await notify(request, 'alice', `${LONG_WORD} ${unique()}`, `Read more at ${LONG_URL}`);
  // A webinar with a long title, for the portal and the webinar page.
  const hostToken = await apiToken(request, 'host');
  const webinarTitle = `${LONG_WORD} ${unique()}`;
  const webinar = await apiPost<{ id: number }>(request, hostToken, '/api/webinars/', {
    title: webinarTitle,
    description: `Slides: ${LONG_URL}`,
    starts_at: new Date(Date.now() + 3 * 3600_000).toISOString(),
    duration_minutes: 45,
  });

  await signIn(page, 'alice');
  await expect(page.getByRole('region', { name: 'Upcoming webinars' }).getByText(webinarTitle)).toBeVisible();
  await expectNoSidewaysScroll(page, 'portal');
  await page.screenshot({ path: screenshotPath('inbox-long-text-portal-phone'), fullPage: true });

  await page.goto('/notifications');
  await expect(row(page, title)).toBeVisible();
  await expectNoSidewaysScroll(page, 'notifications');
  await page.screenshot({ path: screenshotPath('inbox-long-text-notifications-phone'), fullPage: true });

  const panel = await openBell(page);
  await expect(panel.locator('[data-unread]').filter({ hasText: title })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the bell');
  // The panel's own content fits it too: nothing is cut at its edge.
  const fits = await panel.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits, 'the bell panel scrolls sideways').toBe(true);
  // The message is clamped to two lines (its clamp used to be undone by a `block` class).
  const message = panel
    .locator('[data-unread]')
    .filter({ hasText: title })
    .getByText(/^Read more at/);
  const lines = await message.evaluate(
    (element) =>
      element.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(element).lineHeight),
  );
  expect(lines, 'lines the bell shows of a long message').toBeLessThanOrEqual(2.05);
  // "Mark all read" is the same indigo as "View all" (cn() used to let the ghost grey win).
  const colors = await Promise.all(
    [panel.getByRole('button', { name: 'Mark all read' }), panel.getByRole('link', { name: 'View all' })].map(
      (locator) => locator.evaluate((element) => getComputedStyle(element).color),
    ),
  );
  expect(colors[0]).toBe(colors[1]);
  await page.screenshot({ path: screenshotPath('inbox-long-text-bell-phone') });
  await page.keyboard.press('Escape');

  await page.goto(`/webinars/${webinar.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(webinarTitle);
  await expectNoSidewaysScroll(page, 'webinar page');
  await page.screenshot({ path: screenshotPath('inbox-long-text-webinar-phone'), fullPage: true });

  await page.goto('/settings/notifications');
  await expect(page.getByRole('switch').first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'settings');
});

test('inbox: the portal lists a webinar under Live now with Join as it starts, no reload; the webinar page follows its end', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const hostToken = await apiToken(request, 'host');
  const aliceToken = await apiToken(request, 'alice');
  const title = `Stream-kept webinar ${unique()}`;
  const webinar = await apiPost<{ id: number }>(request, hostToken, '/api/webinars/', {
    title,
    description: 'Starts while the portal is open.',
    starts_at: new Date(Date.now() + 2 * 3600_000).toISOString(),
    duration_minutes: 30,
  });
  const registration = await apiPost<{ id: number }>(
    request,
    aliceToken,
    `/api/webinars/${webinar.id}/register/`,
  );
  await apiPost(request, hostToken, `/api/registrations/${registration.id}/approve/`);

  await signIn(page, 'alice');
  const liveNow = page.getByRole('region', { name: 'Live now' });
  const upcoming = page.getByRole('region', { name: 'Upcoming webinars' });
  await expect(upcoming.getByText(title)).toBeVisible();
  await expect(liveNow.getByText(title)).toHaveCount(0);

  await apiPost(request, hostToken, `/api/live-sessions/${webinar.id}/start/`);
  const liveRow = liveNow.getByRole('listitem').filter({ hasText: title });
  await expect(liveRow.getByRole('button', { name: 'Join' })).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(upcoming.getByText(title)).toHaveCount(0);

  await page.goto(`/webinars/${webinar.id}`);
  await page.getByRole('button', { name: 'Join live session' }).click();
  await expect(page.getByText('Joined', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Join live session' })).toHaveCount(0);

  await apiPost(request, hostToken, `/api/live-sessions/${webinar.id}/end/`);
  await expect(page.getByText('Ended', { exact: true })).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(page.getByText('Joined', { exact: true })).toHaveCount(0);
  const now = await apiGet<{ status: string }>(request, aliceToken, `/api/webinars/${webinar.id}/`);
  expect(now.status).toBe('ended');
});

test('inbox: a deleted notification stays deleted after a reload inside the undo window; Undo is legible', async ({
  page,
  request,
}) => {
  const title = await notify(request, 'alice', `Delete me ${unique()}`);
  await signIn(page, 'alice');
  await page.goto('/notifications');
  await row(page, title).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row(page, title)).toHaveCount(0);
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeVisible();

  const ratio = await undo.evaluate(contrastRatio);
  expect(ratio, 'contrast of Undo against the toast').toBeGreaterThanOrEqual(4.5);
  await page.screenshot({ path: screenshotPath('inbox-undo-toast-desktop') });

  await page.reload();
  await expect(page.locator('li[data-unread]').first()).toBeVisible();
  await expect(row(page, title)).toHaveCount(0);
  const aliceToken = await apiToken(request, 'alice');
  await expect
    .poll(async () => (await recentNotifications(request, aliceToken)).map((n) => n.title))
    .not.toContain(title);
});

test('inbox: Undo in the toast brings the notification back', async ({ page, request }) => {
  const title = await notify(request, 'alice', `Keep me ${unique()}`);
  await signIn(page, 'alice');
  await page.goto('/notifications');
  await row(page, title).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, title)).toBeVisible();
  await page.reload();
  await expect(row(page, title)).toBeVisible();
});

test('inbox: the notifications page loads without layout shift (CLS < 0.1), in the app frame', async ({
  page,
}) => {
  await signIn(page, 'alice');
  await page.addInitScript(() => {
    const record = { cls: 0 };
    (window as unknown as { __layoutShift: typeof record }).__layoutShift = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!entry.hadRecentInput) record.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto('/notifications');
    await expect(page.locator('li[data-unread]').first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
    // Two frames after the last render, so every shift has been reported.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const cls = await page.evaluate(
      () => (window as unknown as { __layoutShift: { cls: number } }).__layoutShift.cls,
    );
    console.log(`[cls] /notifications at ${viewport.width} px: ${cls.toFixed(4)}`);
    test.info().annotations.push({ type: 'cls', description: `${viewport.width}px: ${cls.toFixed(4)}` });
    expect(cls, `CLS at ${viewport.width} px`).toBeLessThan(0.1);
  }
});

test('inbox: /login asks nobody who is signed in (no 401 in the console) and uses its own wording', async ({
  page,
}) => {
  const guard = guardConsole(page);
  await page.goto('/login');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('not-her-password');
  guard.expect(/HTTP 401 POST .*\/api\/auth\/login\//);
  guard.expect(/401 \(Unauthorized\)/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That username and password do not match. Check them and try again.',
  );
});

/** WCAG contrast of an element's text against the first opaque background behind it. */
function contrastRatio(element: Element): number {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no canvas');
  // The canvas turns any CSS colour (Tailwind 4 writes oklch) into sRGB bytes.
  const rgba = (color: string) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data] as [number, number, number, number];
  };
  const luminance = ([r, g, b]: number[]) => {
    const [lr, lg, lb] = [r, g, b].map((v) => {
      const c = (v ?? 0) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (lr ?? 0) + 0.7152 * (lg ?? 0) + 0.0722 * (lb ?? 0);
  };
  let background: HTMLElement | null = element as HTMLElement;
  let backgroundColor = [255, 255, 255, 255];
  while (background) {
    const color = rgba(getComputedStyle(background).backgroundColor);
    if (color[3] === 255) {
      backgroundColor = color;
      break;
    }
    background = background.parentElement;
  }
  const text = luminance(rgba(getComputedStyle(element).color));
  const back = luminance(backgroundColor);
  return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
}

test("inbox: a new notification is announced politely; choosing one in the bell focuses the new page's heading", async ({
  page,
  request,
}) => {
  await signIn(page, 'alice');
  await page.goto('/notifications');
  await expect(page.locator('li[data-unread]').first()).toBeVisible();
  // The live stream is open once the bell has its count from it; the announcer listens to it.
  const announcer = page.getByTestId('notification-announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(async () => {
    const title = await notify(request, 'alice', `Heads up ${unique()}`);
    // Its own line, or folded with one a retry sent moments before: the newest title is read out.
    await expect(announcer).toContainText(title, { timeout: LIVE_TIMEOUT });
    await expect(announcer).toHaveText(/^(New notification: |\d+ new notifications, the latest: )/);
  }).toPass({ timeout: 20_000 });

  // A notification about a webinar: choosing it in the bell opens the webinar with focus on its title.
  const aliceToken = await apiToken(request, 'alice');
  const upcoming = await apiGet<{ results: { id: number; title: string }[] }>(
    request,
    aliceToken,
    '/api/webinars/?status=upcoming',
  );
  const webinar = upcoming.results[0];
  if (!webinar) throw new Error('the demo data has no upcoming webinar');
  const about = await notify(request, 'alice', `About a webinar ${unique()}`, 'Open it.', webinar.id);
  const panel = await openBell(page);
  await panel.locator('[data-unread]').filter({ hasText: about }).click();
  await expect(page).toHaveURL(new RegExp(`/webinars/${webinar.id}$`));
  await expect(page.getByRole('heading', { name: webinar.title, level: 1 })).toBeFocused();

  // Moving with the navbar focuses the new page's heading too.
  await page.goto('/notifications');
  await expect(page.locator('li[data-unread]').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portal' }).click();
  await expect(page.getByRole('heading', { name: 'Portal', level: 1 })).toBeFocused();
});

test("inbox: a skip link leads past the navbar; Home and End move through the bell's list", async ({
  page,
}) => {
  await signIn(page, 'alice');
  await page.goto('/notifications');
  await expect(page.locator('li[data-unread]').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const panel = await openBell(page);
  const items = panel.locator('[data-unread]');
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
});
