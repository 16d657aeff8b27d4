// h. The bell open on the student portal and on the dashboard, at desktop and phone widths, saved to
// e2e/screenshots/{portal,dashboard}-{desktop,phone}.png for people (and CI logs) to look at.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  DESKTOP,
  expectSignOutReachable,
  newSignedInPage,
  openBell,
  PHONE,
  screenshotPath,
} from './helpers.ts';

const pages = [
  {
    name: 'portal',
    user: 'alice',
    headings: ['Live now', 'Upcoming webinars', 'My registrations', 'Recordings'],
    check: async (page: Page) => {
      await expect(page.getByRole('button', { name: 'Join' }).first()).toBeVisible();
      await expect(page.getByRole('button', { name: 'Register' }).first()).toBeVisible();
    },
  },
  {
    name: 'dashboard',
    user: 'admin',
    headings: ['Webinars', 'Registrations to approve', 'Announcements', 'Recordings'],
    check: async (page: Page) => {
      await expect(page.getByRole('button', { name: 'Approve' }).first()).toBeVisible();
      await expect(page.getByRole('button', { name: 'Publish announcement' })).toBeVisible();
    },
  },
] as const;

const sizes = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
] as const;

for (const target of pages) {
  for (const size of sizes) {
    test(`h. screenshot: the bell open on the ${target.name}, ${size.name}`, async ({ browser, baseURL }) => {
      const { context, page } = await newSignedInPage({ browser, baseURL }, target.user, size.viewport);
      try {
        for (const name of target.headings) {
          await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
        }
        await target.check(page);
        await expectSignOutReachable(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        const panel = await openBell(page);
        await expect(panel).toBeInViewport();
        await page.screenshot({ path: screenshotPath(`${target.name}-${size.name}`) });
      } finally {
        await context.close();
      }
    });
  }
}
