// Archive in the browser: a notification archived from the notifications page leaves the inbox and
// the bell's count, is listed under "Archived" (axe-clean at 1280 and 390 px) and comes back with
// Restore.
import { expectNoAxeViolations } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import {
  apiPost,
  apiToken,
  DESKTOP,
  expectUnread,
  myUserId,
  PHONE,
  screenshotPath,
  signIn,
  unique,
  unreadCount,
} from './helpers.ts';

test('archive: a notification goes to Archived and back with Restore', async ({ page, request }) => {
  const title = `Archive me ${unique()}`;
  const aliceToken = await apiToken(request, 'alice');
  await apiPost(request, await apiToken(request, 'admin'), '/api/admin/notifications/', {
    user_ids: [await myUserId(request, aliceToken)],
    notification_type: 'system',
    title,
    content: 'Read later, or never.',
  });
  await signIn(page, 'alice');
  await page.goto('/notifications');
  const inbox = page.getByRole('region', { name: 'Your notifications' });
  const before = await unreadCount(request, aliceToken);

  await inbox
    .locator('li[data-unread]')
    .filter({ hasText: title })
    .getByRole('button', { name: 'Archive', exact: true })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Archived. It is kept under Archived.' }),
  ).toBeVisible();
  await expect(inbox.getByText(title)).toHaveCount(0);
  await expectUnread(page, before - 1);

  await inbox.getByRole('button', { name: 'Archived', exact: true }).click();
  const archived = inbox.locator('li[data-unread]').filter({ hasText: title });
  await expect(archived).toBeVisible();
  await expect(archived.getByRole('button', { name: 'Restore' })).toBeVisible();
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectNoAxeViolations(page, `the archived list (${name})`);
    await page.screenshot({ path: screenshotPath(`archived-${name}`) });
  }
  await page.setViewportSize(DESKTOP);

  await archived.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored to your inbox.' })).toBeVisible();
  await expect(inbox.getByText(title)).toHaveCount(0);
  await inbox.getByRole('button', { name: 'All' }).click();
  await expect(inbox.locator('li[data-unread="false"]').filter({ hasText: title })).toBeVisible();
});
