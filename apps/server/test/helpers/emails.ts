// Inputs for the email templates and ways to read what they render, shared by their tests.
import type { NotificationType } from '@webinar/contracts';
import type { EmailContext, EmailNotification, WebinarFacts } from '../../src/deliveries/templates/index.ts';

export const PUBLIC_URL = 'https://webinars.example/app';
export const UNSUBSCRIBE_PLACEHOLDER = 'https://x.invalid/u/__RECIPIENT__';
export const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> Q&A';

export const context: EmailContext = {
  publicUrl: PUBLIC_URL,
  timeZone: 'Europe/Paris',
  unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
};

export function webinarFacts(overrides: Partial<WebinarFacts> = {}): WebinarFacts {
  return {
    id: 42,
    title: 'Typed SQL in practice',
    description: 'Queries you can read, types you can trust.',
    startsAt: new Date('2026-12-03T17:00:00Z'),
    durationMinutes: 60,
    ...overrides,
  };
}

export function notificationOf(
  type: NotificationType,
  overrides: Partial<EmailNotification> = {},
): EmailNotification {
  return {
    type,
    title: 'Live now: Typed SQL in practice',
    content: '"Typed SQL in practice" has started. Join the live session!',
    createdAt: new Date('2026-12-03T17:00:05Z'),
    webinar: webinarFacts(),
    ...overrides,
  };
}

/** Every link target in the HTML, entities decoded. */
export function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
}
