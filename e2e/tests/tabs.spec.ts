// Several tabs of one browser (pages of one context): they share one live stream, measured on the
// server (GET /api/admin/streams/, read with an admin bearer token, which opens no stream), and
// signing out in one tab signs out the others. Other specs' streams may still be closing when a
// test starts, so counts are taken relative to a settled baseline.
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  bell,
  expectUnread,
  LIVE_TIMEOUT,
  myUserId,
  openBell,
  PASSWORD,
  signIn,
  unique,
  unreadCount,
} from './helpers.ts';

const STUDENT = 'carol';
const STREAM_PATH = '/api/communications/notifications/stream/';

async function openStreams(request: APIRequestContext, adminToken: string): Promise<number> {
  return (await apiGet<{ open_streams: number }>(request, adminToken, '/api/admin/streams/')).open_streams;
}

/** The count once streams closed just before have left: two reads a moment apart agree. */
async function settledStreams(request: APIRequestContext, adminToken: string): Promise<number> {
  let previous = await openStreams(request, adminToken);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const current = await openStreams(request, adminToken);
    if (current === previous) return current;
    previous = current;
  }
}

/** Polls the server until it holds `expected` streams (it may take a moment to see a tab go). */
async function expectOpenStreams(request: APIRequestContext, adminToken: string, expected: number) {
  await expect
    .poll(() => openStreams(request, adminToken), { timeout: LIVE_TIMEOUT, message: 'open streams' })
    .toBe(expected);
}

/** Another tab of the same browser, on the student's portal; its stream requests are recorded. */
async function openTab(context: BrowserContext, streamUrls: Map<Page, string[]>): Promise<Page> {
  const page = await context.newPage();
  guardConsole(page);
  recordStreams(page, streamUrls);
  await page.goto('/portal');
  await expect(bell(page)).toBeVisible();
  return page;
}

function recordStreams(page: Page, streamUrls: Map<Page, string[]>): void {
  streamUrls.set(page, []);
  page.on('request', (request) => {
    if (request.url().includes(STREAM_PATH)) streamUrls.get(page)?.push(request.url());
  });
}

async function notify(request: APIRequestContext, adminToken: string, userId: number, title: string) {
  await apiPost(request, adminToken, '/api/admin/notifications/', {
    user_ids: [userId],
    notification_type: 'system',
    title,
    content: 'Sent while several tabs are open.',
  });
}

async function expectInBell(page: Page, title: string): Promise<void> {
  const panel = await openBell(page);
  await expect(panel.getByText(title)).toBeVisible();
  await page.keyboard.press('Escape');
}

test('two tabs share one stream, both get its events, and closing the holder hands it over', async ({
  page,
  context,
  request,
}) => {
  const adminToken = await apiToken(request, 'admin');
  const studentToken = await apiToken(request, STUDENT);
  const studentId = await myUserId(request, studentToken);
  const baseline = await settledStreams(request, adminToken);
  const streamUrls = new Map<Page, string[]>();
  recordStreams(page, streamUrls);

  await signIn(page, STUDENT);
  await expectOpenStreams(request, adminToken, baseline + 1);
  const second = await openTab(context, streamUrls);
  await expectOpenStreams(request, adminToken, baseline + 1);
  // The first tab holds the stream; the second only listens.
  expect(streamUrls.get(page)?.length).toBeGreaterThan(0);
  expect(streamUrls.get(second)).toEqual([]);

  const first = `Both tabs ${unique()}`;
  const count = (await unreadCount(request, studentToken)) + 1;
  await notify(request, adminToken, studentId, first);
  await expectUnread(page, count, LIVE_TIMEOUT);
  await expectUnread(second, count, LIVE_TIMEOUT);
  await expectInBell(page, first);
  await expectInBell(second, first);

  await page.close();
  // The remaining tab takes over, resuming after the last event it heard of.
  await expect.poll(() => streamUrls.get(second)?.length, { timeout: LIVE_TIMEOUT }).toBeGreaterThan(0);
  expect(streamUrls.get(second)?.[0]).toContain('last_event_id=');
  await expectOpenStreams(request, adminToken, baseline + 1);

  const after = `After the hand-over ${unique()}`;
  await notify(request, adminToken, studentId, after);
  await expectUnread(second, count + 1, LIVE_TIMEOUT);
  await expectInBell(second, after);
});

test('five tabs of one browser hold one stream on the server', async ({ page, context, request }) => {
  const adminToken = await apiToken(request, 'admin');
  const baseline = await settledStreams(request, adminToken);
  const streamUrls = new Map<Page, string[]>();
  await signIn(page, STUDENT);
  const tabs = [page];
  for (let i = 1; i < 5; i++) tabs.push(await openTab(context, streamUrls));
  await expectOpenStreams(request, adminToken, baseline + 1);
  // Every tab mirrors the one stream's state, so none falls back to polling.
  const count = await unreadCount(request, await apiToken(request, STUDENT));
  for (const tab of tabs) await expectUnread(tab, count);
  const extra = (await openStreams(request, adminToken)) - baseline;
  test.info().annotations.push({ type: 'open streams for five tabs', description: String(extra) });
  console.log(`open streams on the server for one browser with five tabs: ${extra}`);
  expect(extra).toBe(1);
});

test('signing out in one tab signs out the other at once, without a reload; signing in signs it in', async ({
  page,
  context,
}) => {
  await signIn(page, STUDENT);
  const other = await openTab(context, new Map());
  // A mark that a reload would wipe.
  await other.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(other).toHaveURL(/\/login/, { timeout: 3_000 });
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(bell(other)).toBeHidden();
  expect(await other.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await page.getByLabel('Username').fill(STUDENT);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal$/);
  // The tab left on /login follows, back to the page it was on.
  await expect(other).toHaveURL(/\/portal$/, { timeout: 3_000 });
  await expect(bell(other)).toBeVisible();
});
