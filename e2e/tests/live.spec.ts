// Live updates: what an admin or a host does in one browser reaches a student's bell in another,
// through the live stream, without a reload.
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  expectUnread,
  innermost,
  innermostWithText,
  LIVE_TIMEOUT,
  newSignedInPage,
  openBell,
  panelItems,
  signIn,
  unique,
  unreadCount,
} from './helpers.ts';

test('c. an announcement reaches a signed-in student live', async ({ page, browser, baseURL, request }) => {
  const aliceToken = await apiToken(request, 'alice');
  await signIn(page, 'alice');
  const before = await unreadCount(request, aliceToken);
  await expectUnread(page, before);

  const admin = await newSignedInPage({ browser, baseURL }, 'admin');
  try {
    const title = `Office hours moved ${unique()}`;
    await expect(admin.page.getByRole('heading', { name: 'Announcements' })).toBeVisible();
    const form = innermost(
      admin.page,
      admin.page.getByLabel('Title', { exact: true }),
      admin.page.getByRole('button', { name: 'Publish announcement' }),
    );
    await form.getByLabel('Title', { exact: true }).fill(title);
    await form.getByLabel('Content', { exact: true }).fill('Office hours are on Thursday this week.');
    await form.getByRole('button', { name: 'Publish announcement' }).click();
    // It reaches everyone: the dashboard asks first.
    await admin.page
      .getByRole('dialog', { name: 'Publish announcement?' })
      .getByRole('button', { name: 'Publish' })
      .click();

    // Alice's page was not touched: only the live stream can bring the new count.
    await expectUnread(page, before + 1, LIVE_TIMEOUT);
    expect(await unreadCount(request, aliceToken)).toBe(before + 1);

    const panel = await openBell(page);
    const item = panelItems(panel).filter({ hasText: title });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-unread', 'true');
  } finally {
    await admin.context.close();
  }
});

test('d. a host starts a live session and the approved student is told live', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // A scheduled webinar of the host's with alice approved, all through the real API.
  const hostToken = await apiToken(request, 'host');
  const aliceToken = await apiToken(request, 'alice');
  const title = `Live debugging clinic ${unique()}`;
  const webinar = await apiPost<{ id: number; status: string }>(request, hostToken, '/api/webinars/', {
    title,
    description: 'Bring your stack traces.',
    starts_at: new Date(Date.now() + 2 * 3600_000).toISOString(),
    duration_minutes: 60,
  });
  expect(webinar.status).toBe('scheduled');
  const registration = await apiPost<{ id: number }>(
    request,
    aliceToken,
    `/api/webinars/${webinar.id}/register/`,
  );
  await apiPost(request, hostToken, `/api/registrations/${registration.id}/approve/`);

  await signIn(page, 'alice');
  const before = await unreadCount(request, aliceToken);
  await expectUnread(page, before);

  const host = await newSignedInPage({ browser, baseURL }, 'host');
  try {
    await expect(host.page.getByRole('heading', { name: 'Webinars', exact: true })).toBeVisible();
    // The webinar's row: the innermost element with its title and its start/end button.
    const row = innermostWithText(
      host.page,
      title,
      host.page.getByRole('button', { name: /(Start|End) live session/ }),
    );
    await row.getByRole('button', { name: 'Start live session' }).click();
    await host.page
      .getByRole('dialog', { name: 'Start the live session?' })
      .getByRole('button', { name: 'Start live session' })
      .click();
    await expect(row.getByRole('button', { name: 'End live session' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Start live session' })).toHaveCount(0);
    const now = await apiGet<{ status: string }>(request, hostToken, `/api/webinars/${webinar.id}/`);
    expect(now.status).toBe('live');

    await expectUnread(page, before + 1, LIVE_TIMEOUT);
    const panel = await openBell(page);
    // Her approval for this webinar names it too: the new item is the one marked "Live Started".
    const item = panelItems(panel).filter({ hasText: title }).filter({ hasText: 'Live Started' });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-unread', 'true');
  } finally {
    await host.context.close();
  }
});
