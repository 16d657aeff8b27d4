// The bell with actions and groups: three new recordings fold into one line that opens to list
// them, each with "Watch recording"; a live start offers "Join now". Axe-clean with the group open,
// at 1280 and 390 px; the screenshots are the closing look at the bell.
import { expectNoAxeViolations } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import {
  apiGet,
  apiPost,
  apiToken,
  bellPanel,
  DESKTOP,
  myUserId,
  openBell,
  PHONE,
  screenshotPath,
  signIn,
  unique,
} from './helpers.ts';

test("groups: three new recordings fold into one line in the bell, with each one's action", async ({
  page,
  request,
}) => {
  // The bell checked by axe at two widths: longer than one page's test.
  test.setTimeout(90_000);
  const adminToken = await apiToken(request, 'admin');
  const userId = await myUserId(request, await apiToken(request, 'carol'));
  const webinars = await apiGet<{ results: { id: number; status: string; title: string }[] }>(
    request,
    adminToken,
    '/api/webinars/?page_size=50',
  );
  const live = webinars.results.find((webinar) => webinar.status === 'live');
  const other = webinars.results.find((webinar) => webinar.status !== 'live');
  if (!live || !other) throw new Error('the demo data has a live webinar and another one');
  const run = unique();
  // A message of another type first, so recordings other tests gave her do not join this run.
  await apiPost(request, adminToken, '/api/admin/notifications/', {
    user_ids: [userId],
    notification_type: 'system',
    title: `Recordings follow ${run}`,
    content: 'Three parts.',
  });
  for (const part of ['Part 1', 'Part 2', 'Part 3'])
    await apiPost(request, adminToken, '/api/admin/notifications/', {
      user_ids: [userId],
      notification_type: 'new_recording',
      title: `New recording: ${part} ${run}`,
      content: `${part} is ready to watch.`,
      webinar_id: other.id,
    });
  await apiPost(request, adminToken, '/api/admin/notifications/', {
    user_ids: [userId],
    notification_type: 'live_started',
    title: `Live now: ${live.title}`,
    content: 'Join the live session.',
    webinar_id: live.id,
  });

  await signIn(page, 'carol');
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    const panel = await openBell(page);
    const liveItem = panel
      .locator('li')
      .filter({ hasText: `Live now: ${live.title}` })
      .first();
    await expect(liveItem.getByRole('link', { name: 'Join now' })).toHaveAttribute(
      'href',
      `/webinars/${live.id}`,
    );
    const group = panel.getByRole('button', { name: /^3 new recordings/ });
    await expect(group).toContainText('3 unread');
    await group.click();
    const folded = panel.getByRole('list', { name: '3 new recordings' });
    await expect(folded.getByRole('link', { name: 'Watch recording' })).toHaveCount(3);
    await expectNoAxeViolations(page, `the bell with a group open (${name})`);
    await page.screenshot({ path: screenshotPath(`bell-groups-${name}`) });
    await page.keyboard.press('Escape');
    await expect(bellPanel(page)).toBeHidden();
  }
});
