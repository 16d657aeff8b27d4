// Dates follow the browser's language and time zone (Intl): the same notifications read in German
// and Tokyo time in a browser set so.

import { guardConsole } from './a11y.ts';
import { expect, test } from './fixtures.ts';
import { signIn } from './helpers.ts';

test("locale: relative times and dates in the browser's language and time zone", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL,
    locale: 'de-DE',
    timezoneId: 'Asia/Tokyo',
  });
  try {
    const page = await context.newPage();
    guardConsole(page);
    await signIn(page, 'alice');
    await page.goto('/notifications');
    const times = page.getByRole('region', { name: 'Your notifications' }).locator('time');
    await expect(times.first()).toBeVisible();
    // "vor 15 Minuten", "gestern", "jetzt": German relative times.
    await expect(times.filter({ hasText: /vor |gestern|jetzt/ }).first()).toBeVisible();
    const iso = await times.first().getAttribute('datetime');
    const expected = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(iso ?? ''));
    await expect(times.first()).toHaveAttribute('title', expected);
  } finally {
    await context.close();
  }
});
