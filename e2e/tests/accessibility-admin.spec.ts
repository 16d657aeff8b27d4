// The dashboard and the admin pages, kept fixed: axe-core finds nothing on any of them or their
// dialogs at 1280 and 390 px; long texts never scroll the page sideways; mass actions ask first;
// the send form refuses a user who does not exist; a past start is refused in the form; the admin
// panel does not shift while it loads. Console errors and failed requests fail every test.
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import { apiGet, apiPost, apiToken, DESKTOP, PHONE, screenshotPath, signIn, unique } from './helpers.ts';

const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

/** A word no line can hold, as an admin may paste (a URL, a token). */
const LONG_WORD = `https://example.org/${'averylongpathsegment'.repeat(6)}`;

async function expectNoSidewaysScroll(page: Page, label: string) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }));
  expect(
    widths.scroll,
    `${label}: page width ${widths.scroll} in a ${widths.view} px window`,
  ).toBeLessThanOrEqual(widths.view);
}

function messages(page: Page) {
  return page.getByRole('region', { name: 'Messages' });
}

/** The first visible button with this exact name (the admin table and its phone list both have one). */
function visibleButton(page: Page, name: string) {
  return page
    .locator('button:visible')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .first();
}

for (const [widthName, viewport] of WIDTHS) {
  test.describe(`admin pages at ${viewport.width} px`, () => {
    test.use({ viewport });

    test(`axe finds nothing on the dashboard, the admin pages and their dialogs (${widthName})`, async ({
      page,
      request,
    }) => {
      // Five pages and three dialogs, each checked by axe: longer than one page's test.
      test.setTimeout(150_000);
      const adminToken = await apiToken(request, 'admin');
      const runId = unique();
      // Long texts an admin wrote, on every page checked.
      await apiPost(request, adminToken, '/api/admin/notifications/', {
        role: 'host',
        notification_type: 'system',
        title: `Long ${runId} ${LONG_WORD}`,
        content: `Content ${LONG_WORD} ${LONG_WORD}`,
      });
      const host = (
        await apiGet<{ results: Array<{ id: number }> }>(
          request,
          adminToken,
          '/api/admin/users/?search=host&role=host&page_size=1',
        )
      ).results[0];
      await apiPost(request, adminToken, '/api/webinars/', {
        title: `Webinar ${runId} ${LONG_WORD}`,
        starts_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        host_id: host?.id,
      });

      await signIn(page, 'admin');

      // After signing in: the sign-in page's own session probe is the sign-in page's business.

      const guard = guardConsole(page);
      const dashboard = page.getByRole('region', { name: 'Webinars' });
      await expect(dashboard.getByRole('link', { name: new RegExp(runId) })).toBeVisible();
      await expectNoSidewaysScroll(page, 'dashboard');
      await expectNoAxeViolations(page, `dashboard at ${viewport.width}`);
      await page.screenshot({
        animations: 'disabled',
        fullPage: true,
        path: screenshotPath(`admin-dashboard-${widthName}`),
      });

      // The edit dialog, and the confirmation before a live session starts.
      const row = dashboard.getByRole('listitem').filter({ hasText: runId });
      await row.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit webinar' });
      await expect(edit).toBeVisible();
      await expectNoAxeViolations(page, `edit webinar dialog at ${viewport.width}`);
      await page.screenshot({
        animations: 'disabled',
        path: screenshotPath(`admin-dialog-edit-webinar-${widthName}`),
      });
      await edit.getByRole('button', { name: 'Cancel' }).click();
      await expect(edit).toBeHidden();
      await row.getByRole('button', { name: 'Start live session' }).click();
      const confirm = page.getByRole('dialog', { name: 'Start the live session?' });
      await expect(confirm).toBeVisible();
      await expectNoAxeViolations(page, `start confirmation at ${viewport.width}`);
      await page.screenshot({
        animations: 'disabled',
        path: screenshotPath(`admin-dialog-confirm-${widthName}`),
      });
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();

      // The notifications admin: its nav item is highlighted, it links back, the table truncates.
      await page.goto('/dashboard/notifications');
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications admin' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Dashboard' }).first()).toBeVisible();
      await page.getByLabel('Search').fill(runId);
      await expect(page.getByText(/^\s*\d+ notifications?/)).toHaveText(/^\s*[1-9]\d* notifications?/);
      await expect(
        page
          .getByText(new RegExp(`Long ${runId}`))
          .filter({ visible: true })
          .first(),
      ).toBeVisible();
      await expectNoSidewaysScroll(page, 'notifications admin');
      await expectNoAxeViolations(page, `notifications admin at ${viewport.width}`);
      await page.screenshot({
        animations: 'disabled',
        fullPage: true,
        path: screenshotPath(`admin-notifications-${widthName}`),
      });
      await visibleButton(page, 'Edit').click();
      const editNotification = page.getByRole('dialog', { name: 'Edit notification' });
      await expect(editNotification).toBeVisible();
      await expectNoAxeViolations(page, `edit notification dialog at ${viewport.width}`);
      await page.screenshot({
        animations: 'disabled',
        path: screenshotPath(`admin-dialog-edit-notification-${widthName}`),
      });
      await editNotification.getByRole('button', { name: 'Cancel' }).click();
      await expect(editNotification).toBeHidden();

      // The deliveries log and one delivery.
      await page.goto('/dashboard/deliveries');
      await expect(page.getByRole('heading', { level: 1, name: 'Deliveries' })).toBeVisible();
      await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0);
      await expectNoSidewaysScroll(page, 'deliveries');
      await expectNoAxeViolations(page, `deliveries at ${viewport.width}`);
      const deliveries = await apiGet<{ results: Array<{ id: number }> }>(
        request,
        adminToken,
        '/api/admin/deliveries/?page_size=1',
      );
      const delivery = deliveries.results[0];
      if (delivery) {
        // axe tries to run inside the email preview too; its sandbox (no scripts) rightly refuses.
        guard.expect(/Blocked script execution in 'about:srcdoc'/);
        await page.goto(`/dashboard/deliveries/${delivery.id}`);
        await expect(page.getByRole('region', { name: 'Delivery' })).toBeVisible();
        await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0);
        await expectNoSidewaysScroll(page, 'a delivery');
        await expectNoAxeViolations(page, `a delivery at ${viewport.width}`);
      }

      // The email policies.
      await page.goto('/dashboard/email-policies');
      await expect(page.getByRole('heading', { level: 1, name: 'Delivery policies' })).toBeVisible();
      await expect(page.getByRole('form').first()).toBeVisible();
      await expectNoSidewaysScroll(page, 'email policies');
      await expectNoAxeViolations(page, `email policies at ${viewport.width}`);
    });
  });
}

test('the admin panel highlights Dashboard in the navbar and links back to it', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/dashboard/notifications');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('main').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('sending to a username nobody has is refused under the field, and nothing is sent', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/dashboard/notifications');
  const form = page.getByRole('region', { name: 'Send notification' });
  const nobody = `nobody_${unique()}`;
  await form.getByLabel('Username').fill(nobody);
  await form.getByLabel('Title', { exact: true }).fill('To nobody');
  await form.getByLabel('Content', { exact: true }).fill('Hello?');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(form.getByText(`no user is named “${nobody}”`)).toBeVisible();
  await expect(messages(page).getByText(/Sent to/)).toHaveCount(0);
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue('To nobody');

  // A real one, picked from the suggestions as the admin types.
  await form.getByLabel('Username').fill('ali');
  await expect(form.locator('datalist option[value="alice"]')).toHaveCount(1);
  await form.getByLabel('Username').fill('alice');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(messages(page).getByText('Sent to 1 user')).toBeVisible();
  await page.screenshot({ animations: 'disabled', path: screenshotPath('admin-send-sent-desktop') });
});

test('sending to everyone and publishing an announcement ask first; Cancel sends nothing', async ({
  page,
  request,
}) => {
  const adminToken = await apiToken(request, 'admin');
  const total = async () =>
    (await apiGet<{ count: number }>(request, adminToken, '/api/admin/notifications/?page_size=1')).count;
  await signIn(page, 'admin');
  const before = await total();

  const announcements = page.getByRole('region', { name: 'Announcements' });
  await announcements.getByLabel('Title', { exact: true }).fill(`Careful ${unique()}`);
  await announcements.getByLabel('Content', { exact: true }).fill('Not yet.');
  await announcements.getByRole('button', { name: 'Publish announcement' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish announcement?' });
  await expect(publish).toBeVisible();
  // One order in every dialog: Cancel, then the action.
  await expect(publish.getByRole('button')).toHaveText(['', 'Cancel', 'Publish']);
  await publish.getByRole('button', { name: 'Cancel' }).click();
  await expect(publish).toBeHidden();

  await page.goto('/dashboard/notifications');
  const form = page.getByRole('region', { name: 'Send notification' });
  await form.getByLabel('Recipients').selectOption('everyone');
  await form.getByLabel('Title', { exact: true }).fill('To all');
  await form.getByLabel('Content', { exact: true }).fill('Not yet.');
  await form.getByRole('button', { name: 'Send' }).click();
  const send = page.getByRole('dialog', { name: 'Send to everyone?' });
  await expect(send).toBeVisible();
  await expect(send.getByRole('button')).toHaveText(['', 'Cancel', 'Send']);
  await send.getByRole('button', { name: 'Cancel' }).click();
  await expect(send).toBeHidden();
  expect(await total()).toBe(before);
});

test('a start in the past is refused in the form; an ended webinar stays editable', async ({
  page,
  request,
}) => {
  const hostToken = await apiToken(request, 'host');
  const endedTitle = `Ended ${unique()}`;
  const made = await apiPost<{ id: number }>(request, hostToken, '/api/webinars/', {
    title: endedTitle,
    starts_at: new Date(Date.now() + 60_000).toISOString(),
  });
  await apiPost(request, hostToken, `/api/live-sessions/${made.id}/start/`);
  await apiPost(request, hostToken, `/api/live-sessions/${made.id}/end/`);
  await signIn(page, 'host');
  const webinars = page.getByRole('region', { name: 'Webinars' });
  // Folded until asked for.
  await expect(webinars.getByLabel('Title', { exact: true })).toHaveCount(0);
  await webinars.getByRole('button', { name: 'New webinar' }).click();
  const title = `Too late ${unique()}`;
  await webinars.getByLabel('Title', { exact: true }).fill(title);
  await webinars.getByLabel('Starts at').fill('2020-01-01T10:00');
  await webinars.getByRole('button', { name: 'Create webinar' }).click();
  await expect(webinars.getByText('must not be in the past')).toBeVisible();
  await expect(webinars.getByRole('link', { name: title })).toHaveCount(0);
  await page.screenshot({ animations: 'disabled', path: screenshotPath('admin-past-start-desktop') });

  // An ended webinar: renamed without touching its start.
  const ended = webinars.getByRole('listitem').filter({ hasText: endedTitle });
  await ended.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit webinar' });
  await dialog.getByLabel('Title', { exact: true }).fill(`${endedTitle}, renamed`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(messages(page).getByText(/saved/)).toBeVisible();
});

test('the admin panel does not shift while it loads (CLS under 0.1)', async ({ page }) => {
  await signIn(page, 'admin');
  await page.addInitScript(() => {
    const store = window as unknown as { layoutShift: number };
    store.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >) {
        if (!entry.hadRecentInput) store.layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/dashboard/notifications');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Loading notifications' })).toHaveCount(0);
  // Two frames after the table: any shift it caused has been reported.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const cls = await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
  console.log(`CLS on /dashboard/notifications: ${cls.toFixed(4)}`);
  expect(cls).toBeLessThan(0.1);
});
