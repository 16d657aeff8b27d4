// An admin schedules an announcement in the browser (a past time refused in the form), edits it
// and cancels it, at 1280 and 390 px, with axe finding nothing on the form with its schedule
// fields open nor on the dialogs. Its sending at the time is the server tests' to show: waiting
// here for a real minute to pass would only make the suite slow.
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import { apiGet, apiToken, DESKTOP, PHONE, screenshotPath, signIn, unique } from './helpers.ts';

const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

interface Announcement {
  id: number;
  title: string;
  state: string;
  send_at: string | null;
}

/** A datetime-local value `ms` from now, in the browser's own zone. */
function localInput(page: Page, ms: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date(Date.now() + offset);
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 16);
  }, ms);
}

/**
 * Reads the message an action left, then closes it, as a user does: on a phone the messages sit
 * across the bottom of the screen, over the list's buttons, until they time out.
 */
async function readAndDismiss(page: Page, message: RegExp): Promise<void> {
  const toast = page
    .getByRole('region', { name: 'Messages' })
    .locator('div[data-tone]')
    .filter({ hasText: message });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toBeHidden();
}

for (const [widthName, viewport] of WIDTHS) {
  test.describe(`scheduling an announcement at ${viewport.width} px`, () => {
    test.use({ viewport });

    test(`schedule, edit and cancel one (${widthName})`, async ({ page, request }) => {
      // The form and two dialogs, each checked by axe: longer than one page's test.
      test.setTimeout(90_000);
      const adminToken = await apiToken(request, 'admin');
      const title = `Planned ${unique()}`;
      await signIn(page, 'admin');
      const guard = guardConsole(page);
      const section = page.getByRole('region', { name: 'Announcements' });

      await section.getByLabel('Title', { exact: true }).fill(title);
      await section.getByLabel('Content', { exact: true }).fill('Later on.');
      await section.getByRole('radio', { name: 'Schedule for later' }).check();
      const sendAt = section.getByLabel('Send at');
      await expect(sendAt).toBeVisible();
      await expect(section.getByText(/^Your time zone: /)).toBeVisible();
      await expectNoAxeViolations(page, `the announcement form with its schedule fields (${widthName})`);

      // A past time is refused under the field, and nothing is asked or sent.
      await sendAt.fill(await localInput(page, -60 * 60_000));
      await section.getByRole('button', { name: 'Schedule announcement' }).click();
      await expect(section.getByText('must be in the future')).toBeVisible();
      await expect(page.getByRole('dialog')).toBeHidden();

      await sendAt.fill(await localInput(page, 2 * 60 * 60_000));
      await section.getByRole('button', { name: 'Schedule announcement' }).click();
      const confirm = page.getByRole('dialog', { name: 'Schedule announcement?' });
      await expect(confirm.getByRole('button')).toHaveText(['', 'Cancel', 'Schedule']);
      await confirm.getByRole('button', { name: 'Schedule' }).click();
      await readAndDismiss(page, /Announcement scheduled for/);

      const row = section.getByRole('listitem').filter({ hasText: title });
      await expect(row.getByText('Scheduled', { exact: true })).toBeVisible();
      await expect(row.getByText(/in (1 hour|2 hours)\)/)).toBeVisible();
      await page.screenshot({
        animations: 'disabled',
        path: screenshotPath(`announcement-scheduled-${widthName}`),
      });

      await row.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit announcement' });
      await expect(edit.getByLabel('Send at')).toBeVisible();
      await expectNoAxeViolations(page, `the edit dialog of a scheduled announcement (${widthName})`);
      await edit.getByLabel('Title', { exact: true }).fill(`${title} edited`);
      await edit.getByRole('button', { name: 'Save' }).click();
      await expect(edit).toBeHidden();
      await readAndDismiss(page, /Announcement saved · scheduled for/);
      const edited = section.getByRole('listitem').filter({ hasText: `${title} edited` });
      await expect(edited).toBeVisible();

      await edited.getByRole('button', { name: 'Cancel' }).click();
      const cancel = page.getByRole('dialog', { name: 'Cancel this announcement?' });
      await expectNoAxeViolations(page, `the cancel confirmation (${widthName})`);
      await cancel.getByRole('button', { name: 'Cancel announcement' }).click();
      await expect(
        page.getByRole('region', { name: 'Messages' }).getByText('Announcement cancelled'),
      ).toBeVisible();
      await expect(edited.getByText('Cancelled', { exact: true })).toBeVisible();
      await expect(edited.getByRole('button', { name: 'Edit' })).toHaveCount(0);

      const list = await apiGet<{ results: Announcement[] }>(
        request,
        adminToken,
        '/api/communications/announcements/?page_size=100',
      );
      expect(list.results.find((a) => a.title === `${title} edited`)).toMatchObject({ state: 'cancelled' });
      guard.check();
    });
  });
}
