// The email digest end to end: the admin sets new recordings to a one-minute digest in the delivery
// policies, and two recordings make one email, which the admin's preview shows. The digest goes
// when its minute is up on the server's own clock, so this spec runs in a project of its own that
// Playwright starts first (playwright.config.ts): its wait overlaps the other specs.
import { type Delivery, deliveriesOf, pictureEmail, preview } from './delivery-log.ts';
import { expect, test } from './fixtures.ts';
import { apiPost, apiToken, DESKTOP, myUserId, newSignedInPage, screenshotPath, unique } from './helpers.ts';

test('the admin sets new recordings to a one-minute digest, and two recordings make one email', async ({
  browser,
  baseURL,
  request,
}) => {
  // The digest goes when its minute is up: this test waits for the worker, not for a fixed time.
  test.setTimeout(180_000);
  const adminToken = await apiToken(request, 'admin');
  const hostToken = await apiToken(request, 'host');
  const carolToken = await apiToken(request, 'carol');
  const carolId = await myUserId(request, carolToken);
  const admin = await newSignedInPage({ browser, baseURL }, 'admin', { width: DESKTOP.width, height: 1800 });
  try {
    await admin.page.getByRole('link', { name: 'Delivery policies' }).click();
    await expect(admin.page.getByRole('heading', { level: 1, name: 'Delivery policies' })).toBeVisible();
    const row = admin.page.getByRole('form', { name: 'Email policy for New Recording' });
    await expect(row.getByText('Now: One email per 30 minutes')).toBeVisible();
    await row.getByLabel('Email window (minutes) for New Recording').fill('1');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(
      admin.page
        .getByRole('region', { name: 'Messages' })
        .getByText('New Recording saved: One email per 1 minute'),
    ).toBeVisible();
    await admin.page.setViewportSize(DESKTOP);
    await admin.page.screenshot({
      animations: 'disabled',
      path: screenshotPath('email-policies'),
      fullPage: true,
    });

    try {
      const startedAt = new Date(Date.now() - 1000).toISOString();
      const title = `Digest seminar ${unique()}`;
      const webinar = await apiPost<{ id: number }>(request, hostToken, '/api/webinars/', {
        title,
        starts_at: new Date(Date.now() + 3600_000).toISOString(),
      });
      const registration = await apiPost<{ id: number }>(
        request,
        carolToken,
        `/api/webinars/${webinar.id}/register/`,
      );
      await apiPost(request, hostToken, `/api/registrations/${registration.id}/approve/`);
      for (const part of ['Part 1', 'Part 2']) {
        await apiPost(request, hostToken, `/api/webinars/${webinar.id}/recordings/`, {
          title: `${title}: ${part}`,
          url: `https://video.example.com/${encodeURIComponent(part)}`,
        });
      }
      const query = { user: String(carolId), notification_type: 'new_recording', created_after: startedAt };
      let members: Delivery[] = [];
      await expect
        .poll(
          async () => {
            members = (await deliveriesOf(request, adminToken, query)).filter((d) =>
              (d.title ?? '').includes(title),
            );
            return members.length === 2 && members.every((d) => d.status === 'skipped');
          },
          { timeout: 150_000, intervals: [2_000] },
        )
        .toBe(true);
      expect(members.filter((d) => d.digest_id !== null)).toHaveLength(1);
      const digest = await preview(request, adminToken, members[0]?.id as number);
      expect(digest.text).toContain('Part 1');
      expect(digest.text).toContain('Part 2');
      await admin.page.setViewportSize({ width: DESKTOP.width, height: 1800 });
      await pictureEmail(admin.page, members[0]?.id as number, 'new_recording');
    } finally {
      const restored = await request.put('/api/admin/delivery-policies/new_recording/email/', {
        headers: { authorization: `Bearer ${adminToken}` },
        data: { timing: 'digest', delay_minutes: 30 },
      });
      expect(restored.ok()).toBe(true);
    }
  } finally {
    await admin.context.close();
  }
});
