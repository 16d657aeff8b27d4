// The emails about the address itself: confirming it, and an admin's test message.
import { describe, expect, it } from 'vitest';
import { hrefsOf, PUBLIC_URL } from '../../../test/helpers/emails.ts';
import { renderTestEmail, renderVerificationEmail } from './index.ts';

describe('the verification email', () => {
  const verifyUrl = `${PUBLIC_URL}/verify-email/eyJhbGciOi.payload.signature`;

  it('asks to confirm the address with one link to the verification page', async () => {
    const email = await renderVerificationEmail({
      address: 'ada@example.com',
      verifyUrl,
      publicUrl: PUBLIC_URL,
    });
    expect(email.subject).toBe('Confirm your email address for Webinar Hub');
    expect(hrefsOf(email.html)).toEqual([PUBLIC_URL, verifyUrl, `${PUBLIC_URL}/settings/notifications`]);
    expect(email.text).toContain(`Confirm email address ${verifyUrl}`);
    expect(email.text).toContain('ada@example.com');
    expect(email.text).toContain('24 hours');
    // It is not a notification: there is nothing to unsubscribe from.
    expect(email.text).not.toContain('Unsubscribe');
  });

  it('escapes a hostile address in HTML', async () => {
    const address = '"><script>alert(1)</script>@example.com';
    const email = await renderVerificationEmail({ address, verifyUrl, publicUrl: PUBLIC_URL });
    expect(email.html).not.toMatch(/<script\b/i);
    expect(email.text).toContain(address);
  });
});

describe('the test email', () => {
  it('says when it was sent and links to the site', async () => {
    const email = await renderTestEmail({ publicUrl: PUBLIC_URL, sentAt: new Date('2026-12-03T17:00:00Z') });
    expect(email.subject).toBe('Test email from Webinar Hub');
    expect(email.text).toContain('Thursday, 3 December 2026, 17:00 UTC');
    expect(email.text).toContain(`Open Webinar Hub ${PUBLIC_URL}`);
    expect(hrefsOf(email.html).every((href) => href === PUBLIC_URL)).toBe(true);
  });
});
