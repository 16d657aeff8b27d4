// The bell in the navbar: the unread count, the panel, reading a notification, the keyboard, and
// archiving from it.
import { expectNoAxeViolations } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  bell,
  bellPanel,
  expectUnread,
  myUserId,
  newSignedInPage,
  openBell,
  PHONE,
  panelItems,
  recentNotifications,
  screenshotPath,
  signIn,
  unique,
  unreadBadge,
  unreadCount,
} from './helpers.ts';

test('a. a student sees her unread count on the bell', async ({ page, request }) => {
  await signIn(page, 'alice');
  await expect(page).toHaveURL(/\/portal$/);

  const count = await unreadCount(request, await apiToken(request, 'alice'));
  await expectUnread(page, count);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('b. opening an unread notification goes to its webinar and lowers the count', async ({
  page,
  request,
}) => {
  const token = await apiToken(request, 'alice');
  // The bell shows the newest five: the newest unread one of those that has a webinar.
  let newest = (await recentNotifications(request, token)).slice(0, 5);
  let index = newest.findIndex((n) => !n.is_read && n.related_webinar);
  if (index < 0) {
    // Earlier tests may have read or pushed down the demo ones: give her a fresh one.
    const adminToken = await apiToken(request, 'admin');
    const webinars = await apiGet<{ results: { id: number; status: string }[] }>(
      request,
      adminToken,
      '/api/webinars/?status=upcoming',
    );
    await apiPost(request, adminToken, '/api/admin/notifications/', {
      user_ids: [await myUserId(request, token)],
      notification_type: 'upcoming_webinar',
      title: `Starting soon ${unique()}`,
      content: 'Your webinar starts soon.',
      webinar_id: webinars.results[0]!.id,
    });
    newest = (await recentNotifications(request, token)).slice(0, 5);
    index = newest.findIndex((n) => !n.is_read && n.related_webinar);
  }
  const target = newest[index]!;
  const webinar = target.related_webinar!;

  await signIn(page, 'alice');
  const before = await unreadCount(request, token);
  await expectUnread(page, before);

  const panel = await openBell(page);
  const item = panelItems(panel).nth(index);
  await expect(item).toHaveAttribute('data-unread', 'true');
  await expect(item).toContainText(target.title);
  await item.click();

  await expect(page).toHaveURL(new RegExp(`/webinars/${webinar.id}$`));
  await expect(page.getByRole('heading', { name: webinar.title, exact: true })).toBeVisible();
  await expectUnread(page, before - 1);
  expect(await unreadCount(request, token)).toBe(before - 1);
  const after = await apiGet<{ is_read: boolean }>(
    request,
    token,
    `/api/communications/notifications/${target.id}/`,
  );
  expect(after.is_read).toBe(true);
});

test('g. keyboard: Tab to the bell, Enter opens, ArrowDown walks the items, Escape closes', async ({
  page,
}) => {
  await signIn(page, 'alice');
  const button = bell(page);
  await expect(button).toBeVisible();

  const isFocused = () => button.evaluate((el) => el === document.activeElement);
  for (let presses = 0; presses < 40 && !(await isFocused()); presses++) await page.keyboard.press('Tab');
  await expect(button, 'Tab reaches the bell').toBeFocused();

  await page.keyboard.press('Enter');
  const panel = bellPanel(page);
  await expect(panel).toBeVisible();
  const items = panelItems(panel);
  await expect(items.nth(1), 'alice has at least two notifications').toBeVisible();
  const count = await items.count();

  // Which item holds the focus (the item itself, or the link/button inside it): -1 for none.
  const focusedItem = () =>
    items.evaluateAll((els) => {
      const active = document.activeElement;
      return els.findIndex((el) => !!active && (el === active || el.contains(active)));
    });

  await page.keyboard.press('ArrowDown');
  await expect
    .poll(focusedItem, { message: 'ArrowDown, right after Enter opened the panel, focuses an item' })
    .toBeGreaterThanOrEqual(0);
  const first = await focusedItem();
  const steps = Math.min(2, count - 1 - first);
  expect(steps, 'there is an item after the first focused one').toBeGreaterThan(0);
  for (let step = 1; step <= steps; step++) {
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedItem, { message: `ArrowDown #${step + 1} moves on` }).toBe(first + step);
  }

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button, 'Escape gives the focus back to the bell').toBeFocused();
});

test('the badge says 9+ above nine, "Mark all read" clears it, "View all" lists them', async ({
  page,
  request,
}) => {
  const adminToken = await apiToken(request, 'admin');
  const bobToken = await apiToken(request, 'bob');
  const bobId = await myUserId(request, bobToken);
  const runId = unique();
  for (let i = 0; i < 10; i++) {
    await apiPost(request, adminToken, '/api/admin/notifications/', {
      user_ids: [bobId],
      notification_type: 'system',
      title: `Maintenance notice ${i + 1} ${runId}`,
      content: 'Planned maintenance tonight.',
    });
  }
  const count = await unreadCount(request, bobToken);
  expect(count).toBeGreaterThan(9);

  await signIn(page, 'bob');
  await expectUnread(page, count);
  await expect(unreadBadge(page)).toHaveText('9+');

  const panel = await openBell(page);
  await expect(panelItems(panel)).toHaveCount(5);
  await expect(panelItems(panel).first()).toContainText(`Maintenance notice 10 ${runId}`);
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expectUnread(page, 0);
  await expect(panel.locator('[data-unread="true"]')).toHaveCount(0);
  expect(await unreadCount(request, bobToken)).toBe(0);

  const viewAll = panel.getByRole('link', { name: 'View all' });
  await expect(viewAll).toHaveAttribute('href', /\/notifications$/);
  await viewAll.click();
  await expect(page).toHaveURL(/\/notifications$/);
});

test('a bell without notifications says "No notifications yet"', async ({ page, request }) => {
  const adminToken = await apiToken(request, 'admin');
  const hostId = await myUserId(request, await apiToken(request, 'host'));
  const theirs = await apiGet<{ results: { id: number }[] }>(
    request,
    adminToken,
    `/api/admin/notifications/?user=${hostId}&page_size=100`,
  );
  for (const { id } of theirs.results) {
    const response = await request.delete(`/api/admin/notifications/${id}/`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(response.status()).toBe(204);
  }

  await signIn(page, 'host');
  await expectUnread(page, 0);
  const panel = await openBell(page);
  await expect(panel.getByText('No notifications yet')).toBeVisible();
  await expect(panelItems(panel)).toHaveCount(0);
});

test('archive from the bell: a notification and a folded group leave it, and are listed under Archived', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // Two browsers signing in and two axe runs.
  test.setTimeout(120_000);
  const adminToken = await apiToken(request, 'admin');
  const bobToken = await apiToken(request, 'bob');
  const bobId = await myUserId(request, bobToken);
  const webinars = await apiGet<{ results: { id: number }[] }>(request, adminToken, '/api/webinars/');
  const run = unique();
  const send = (notification_type: string, title: string, webinar_id?: number) =>
    apiPost(request, adminToken, '/api/admin/notifications/', {
      user_ids: [bobId],
      notification_type,
      title,
      content: 'Kept under Archived once archived.',
      ...(webinar_id ? { webinar_id } : {}),
    });
  // A message of another type first, so recordings other tests gave him do not join this run.
  await send('system', `Recordings follow ${run}`);
  for (const part of [1, 2, 3]) await send('new_recording', `Part ${part} ${run}`, webinars.results[0]!.id);
  const single = `Archive from the bell ${run}`;
  await send('system', single);
  const before = await unreadCount(request, bobToken);

  // On a phone's touch screen the buttons always show: no hover to wait for.
  const phone = await newSignedInPage({ browser, baseURL }, 'bob', PHONE, { touch: true });
  try {
    const panel = await openBell(phone.page);
    await expect(panel.getByRole('button', { name: 'Archive', exact: true }).first()).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Archive: 3 new recordings' })).toBeVisible();
    await expectNoAxeViolations(phone.page, 'the bell with its archive buttons (phone)');
    await phone.page.screenshot({ path: screenshotPath('bell-archive-phone') });
  } finally {
    await phone.context.close();
  }

  await signIn(page, 'bob');
  const panel = await openBell(page);
  const line = panel
    .locator('li')
    .filter({ has: page.getByRole('button', { name: new RegExp(`^${single}`) }) });
  const archive = line.getByRole('button', { name: 'Archive', exact: true });
  // With a mouse, Archive shows on the line under the pointer.
  await expect(archive).toHaveCSS('opacity', '0');
  await line.hover();
  await expect(archive).toHaveCSS('opacity', '1');
  await expectNoAxeViolations(page, 'the bell with an archive button shown (desktop)');
  await page.screenshot({ path: screenshotPath('bell-archive-desktop') });

  await archive.click();
  await expect(panel.getByText(single)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Notification archived' })).toBeVisible();
  await expectUnread(page, before - 1);
  await panel.getByRole('button', { name: 'Archive: 3 new recordings' }).click();
  await expect(panel.getByRole('button', { name: /^3 new recordings/ })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '3 notifications archived' })).toBeVisible();
  await expectUnread(page, before - 4);
  expect(await unreadCount(request, bobToken)).toBe(before - 4);

  await page.goto('/notifications');
  const inbox = page.getByRole('region', { name: 'Your notifications' });
  await inbox.getByRole('button', { name: 'Archived', exact: true }).click();
  await expect(inbox.locator('li[data-unread]').filter({ hasText: single })).toBeVisible();
  const group = inbox.locator('li[data-group="new_recording"]');
  await expect(group.getByRole('button', { name: /^3 new recordings/ })).toBeVisible();
  await group.getByRole('button', { name: /^3 new recordings/ }).click();
  for (const part of [1, 2, 3]) await expect(group.getByText(`Part ${part} ${run}`)).toBeVisible();
});
