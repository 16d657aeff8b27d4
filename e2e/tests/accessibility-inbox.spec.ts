// axe-core on the student's pages and the signed-out ones, at desktop and phone widths: zero
// violations of any impact. Each state is also saved as a screenshot (e2e/screenshots/inbox-*.png).
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import { apiGet, apiToken, bell, DESKTOP, openBell, PHONE, screenshotPath, signIn } from './helpers.ts';

const WIDTHS = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
];

/** Checks the page as it is now, and keeps a picture of it. */
async function check(page: Page, label: string, width: string): Promise<void> {
  await expectNoAxeViolations(page, `${label} at ${width}`);
  await page.screenshot({ path: screenshotPath(`inbox-${label}-${width}`), fullPage: true });
}

for (const { name: width, viewport } of WIDTHS) {
  test(`a11y-inbox: sign-in, portal, webinar, notifications, settings, the bell and the 404 at ${width} have no axe violations`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);

    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page).toHaveTitle(/^Sign in · /);
    await check(page, 'sign-in', width);
    // An empty submit shows our own words, without moving the card.
    const card = page.locator('form');
    const top = (await card.boundingBox())?.y;
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter your username and your password.');
    expect((await card.boundingBox())?.y).toBe(top);
    await check(page, 'sign-in-error', width);

    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { name: 'Portal', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Upcoming webinars' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expect(page).toHaveTitle(/^Portal · /);
    await check(page, 'portal', width);

    const token = await apiToken(request, 'alice');
    const webinars = await apiGet<{ results: { id: number; title: string }[] }>(
      request,
      token,
      '/api/webinars/?status=upcoming',
    );
    const webinar = webinars.results[0];
    if (!webinar) throw new Error('the demo data has no upcoming webinar');
    await page.goto(`/webinars/${webinar.id}`);
    await expect(page.getByRole('heading', { name: webinar.title, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${webinar.title} · Webinar Hub`);
    await check(page, 'webinar', width);

    await page.goto('/notifications');
    await expect(page.locator('li[data-unread]').first()).toBeVisible();
    await expect(page).toHaveTitle(/^Notifications · /);
    await check(page, 'notifications', width);

    await page.goto('/settings/notifications');
    await expect(page.getByRole('heading', { name: 'Notification settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('switch').first()).toBeVisible();
    await expect(page).toHaveTitle(/^Notification settings · /);
    await check(page, 'settings', width);

    await openBell(page);
    await check(page, 'bell-open', width);
    await page.keyboard.press('Escape');
    await expect(bell(page)).toBeFocused();

    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page).toHaveTitle(/^Page not found · /);
    await check(page, 'not-found', width);
  });
}
