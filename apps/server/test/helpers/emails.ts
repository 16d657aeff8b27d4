// Inputs for the email templates and ways to read what they render, shared by their tests.
import type { NotificationType } from '@webinar/contracts';
import { colors } from '../../src/deliveries/templates/components/email-styles.ts';
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
    status: 'scheduled',
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

/** The email's button (the one link drawn as one): its label and target, entities decoded. */
export function buttonOf(html: string): { label: string; url: string } | null {
  const buttons = [
    ...html.matchAll(
      new RegExp(
        `<a href="([^"]*)" style="[^"]*background-color:${colors.action}[^"]*"[^>]*>([\\s\\S]*?)</a>`,
        'g',
      ),
    ),
  ];
  if (buttons.length > 1) throw new Error(`${buttons.length} buttons`);
  const [button] = buttons;
  if (!button) return null;
  const label = (button[2] ?? '').replace(/<!--[\s\S]*?-->|<[^>]*>/g, '').trim();
  return { label: decode(label), url: decode(button[1] ?? '') };
}

function decode(html: string): string {
  return html
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
