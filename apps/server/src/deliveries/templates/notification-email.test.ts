// Every notification type as an email: the subject, the one action with its absolute link (the one
// the bell leads with), the footer's links, user text escaped in HTML and readable in text, times in
// the reader's zone.
import {
  NOTIFICATION_TYPES,
  type NotificationType,
  notificationActions,
  primaryAction,
  type WebinarStatus,
} from '@webinar/contracts';
import { describe, expect, it } from 'vitest';
import {
  buttonOf,
  context,
  HOSTILE,
  hrefsOf,
  notificationOf,
  PUBLIC_URL,
  UNSUBSCRIBE_PLACEHOLDER,
  webinarFacts,
} from '../../../test/helpers/emails.ts';
import { renderNotificationEmail } from './index.ts';

const WEBINAR_PAGE = `${PUBLIC_URL}/webinars/42`;
const NOTIFICATIONS_PAGE = `${PUBLIC_URL}/notifications`;

// biome-ignore format: a table reads best one row a line
const CASES: Array<[NotificationType, webinar: WebinarStatus | null, title: string, subject: string, label: string, url: string]> = [
  ['live_started',          'live',      'Live now: Typed SQL in practice',           'Live now: Typed SQL in practice',              'Join now',           WEBINAR_PAGE],
  ['upcoming_webinar',      'scheduled', 'Starting in 1 hour: Typed SQL in practice', 'Starting in 1 hour: Typed SQL in practice',    'View webinar',       WEBINAR_PAGE],
  ['upcoming_webinar',      'live',      'Starting in 1 hour: Typed SQL in practice', 'Starting in 1 hour: Typed SQL in practice',    'Join now',           WEBINAR_PAGE],
  ['registration_approved', 'scheduled', 'Registration approved',                     'Registration approved: Typed SQL in practice', 'View webinar',       WEBINAR_PAGE],
  ['new_recording',         'ended',     'New recording: Typed SQL in practice',      'New recording: Typed SQL in practice',         'Watch recording',    `${WEBINAR_PAGE}#recordings`],
  ['live_ended',            'ended',     'Session ended: Typed SQL in practice',      'Session ended: Typed SQL in practice',         'View webinar',       WEBINAR_PAGE],
  ['announcement',          null,        'Platform maintenance on Sunday',            'Platform maintenance on Sunday',               'Open notifications', NOTIFICATIONS_PAGE],
  ['system',                null,        'Your account was updated',                  'Your account was updated',                     'Open notifications', NOTIFICATIONS_PAGE],
];

const STATUSES: WebinarStatus[] = ['scheduled', 'live', 'ended'];

describe('a notification email', () => {
  it.each(CASES)(
    '%s (webinar %s): subject, its one action and the footer links, in HTML and text',
    async (type, status, title, subject, label, url) => {
      const webinar = status ? webinarFacts({ status }) : null;
      const email = await renderNotificationEmail(notificationOf(type, { title, webinar }), context);

      expect(email.subject).toBe(subject);
      const settings = `${PUBLIC_URL}/settings/notifications`;
      // The product name links home; then the action, then the footer's two links: nothing else.
      expect(hrefsOf(email.html)).toEqual([PUBLIC_URL, url, settings, UNSUBSCRIBE_PLACEHOLDER]);
      expect(buttonOf(email.html)).toEqual({ label, url });
      expect(email.html).toContain('Manage email settings');
      expect(email.html).toContain('Unsubscribe from these emails');
      expect(email.text).toContain(`${label} ${url}`);
      expect(email.text).toContain(`Manage email settings ${settings}`);
      expect(email.text).toContain(`Unsubscribe from these emails ${UNSUBSCRIBE_PLACEHOLDER}`);
      expect(email.text).toContain(title);
    },
  );

  it.each([
    ['ended', 'The live session has ended.'],
    ['scheduled', 'The live session is not on now.'],
  ] as const)(
    'a live start whose session is %s says why and leads to the webinar, not to "Join now"',
    async (status, reason) => {
      const email = await renderNotificationEmail(
        notificationOf('live_started', { webinar: webinarFacts({ status }) }),
        context,
      );
      expect(buttonOf(email.html)).toEqual({ label: 'View webinar', url: WEBINAR_PAGE });
      expect(email.html).not.toContain('Join now');
      expect(email.html).toContain(reason);
      expect(email.text).toContain(`${reason}\n\nView webinar ${WEBINAR_PAGE}`);
    },
  );

  // What the bell and the notifications page offer (the API's `actions`, notification-actions.ts).
  const everyCase = NOTIFICATION_TYPES.flatMap((type) =>
    [null, ...STATUSES].map((status) => [type, status] as const),
  );
  it.each(everyCase)(
    '%s (webinar %s): the button is the action the bell leads with',
    async (type, status) => {
      const webinar = status ? webinarFacts({ status }) : null;
      const email = await renderNotificationEmail(notificationOf(type, { webinar }), context);
      const actions = notificationActions(type, webinar && { id: webinar.id, status: webinar.status });
      const lead = primaryAction(actions);
      const button = buttonOf(email.html);
      if (lead) {
        expect(button).toEqual({ label: lead.label, url: `${PUBLIC_URL}${lead.href}` });
      } else {
        // Nothing the bell offers applies now: no action of the bell is a button.
        for (const action of actions) expect(button?.label).not.toBe(action.label);
        expect(button).toEqual(
          webinar
            ? { label: 'View webinar', url: WEBINAR_PAGE }
            : { label: 'Open notifications', url: NOTIFICATIONS_PAGE },
        );
        for (const action of actions)
          if (action.unavailable) expect(email.text).toContain(action.unavailable);
      }
    },
  );

  it('states the language, both colour schemes and a preheader with the message', async () => {
    const email = await renderNotificationEmail(notificationOf('live_started'), context);
    expect(email.html).toMatch(/<html[^>]* lang="en"/);
    expect(email.html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(email.html).toContain('prefers-color-scheme: dark');
    expect(email.html).toMatch(/data-skip-in-text="true">&quot;Typed SQL in practice&quot; has started/);
    // The preheader is for inbox lists only: the text part says it once, in the body.
    expect(email.text.match(/has started/g)).toHaveLength(1);
  });

  it('escapes a hostile title, content and webinar title in HTML and keeps them readable in text', async () => {
    const email = await renderNotificationEmail(
      notificationOf('live_started', {
        title: `Live now: ${HOSTILE}`,
        content: `${HOSTILE}\n\nSecond paragraph`,
        webinar: webinarFacts({ title: HOSTILE }),
      }),
      context,
    );

    expect(email.html).not.toMatch(/<(script|img)\b/i);
    expect(email.html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; Q&amp;A',
    );
    expect(email.subject).toBe(`Live now: ${HOSTILE}`);
    expect(email.text).toContain(`Live now: ${HOSTILE}`);
    expect(email.text).toContain(`${HOSTILE}\n\nSecond paragraph`);
    expect(email.text).not.toContain('&amp;');
  });

  it('keeps the subject on one line when a title has line breaks', async () => {
    const email = await renderNotificationEmail(
      notificationOf('announcement', { title: 'Two\r\nlines\nBcc: someone@example.com', webinar: null }),
      context,
    );
    expect(email.subject).toBe('Two lines Bcc: someone@example.com');
  });

  it.each([
    ['America/New_York', 'Thursday, 3 December 2026, 12:00 EST'],
    ['Asia/Tokyo', 'Friday, 4 December 2026, 02:00 GMT+9 (Asia/Tokyo)'],
    ['Europe/Paris', 'Thursday, 3 December 2026, 18:00 CET'],
    ['UTC', 'Thursday, 3 December 2026, 17:00 UTC'],
    ['Not/A_Zone', 'Thursday, 3 December 2026, 17:00 UTC'],
  ])('shows the start in %s, naming the zone', async (timeZone, shown) => {
    const email = await renderNotificationEmail(notificationOf('upcoming_webinar'), { ...context, timeZone });
    expect(email.html).toContain(`${shown} (1 hour)`);
    expect(email.text).toContain(`${shown} (1 hour)`);
  });

  it('writes the unsubscribe placeholder verbatim in both parts', async () => {
    const unsubscribeUrl = 'https://x.invalid/u/__RECIPIENT__?list=a&b=c';
    const email = await renderNotificationEmail(notificationOf('new_recording'), {
      ...context,
      unsubscribeUrl,
    });
    expect(hrefsOf(email.html)).toContain(unsubscribeUrl);
    expect(email.text).toContain(unsubscribeUrl);
  });

  it('names the product it is given', async () => {
    const email = await renderNotificationEmail(notificationOf('live_started'), {
      ...context,
      productName: 'Acme Academy',
    });
    expect(email.html).toContain('<title>Acme Academy</title>');
    expect(email.text).toContain('Live Started emails are on for your Acme Academy account.');
  });
});
