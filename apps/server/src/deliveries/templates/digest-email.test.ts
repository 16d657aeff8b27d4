// Several notifications of one type in one email: counted in the subject, each linked to where its
// own action leads (as on the bell), one button for them all.
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
import { renderDigestEmail, renderNotificationEmail } from './index.ts';

function recordingOf(webinarId: number, title = `Talk ${webinarId}`) {
  return notificationOf('new_recording', {
    title: `New recording: ${title}`,
    content: `"Replay" from "${title}" is now available.`,
    webinar: webinarFacts({ id: webinarId, title }),
  });
}

describe('a digest email', () => {
  it('counts its notifications in the subject and links each one to its own page', async () => {
    const email = await renderDigestEmail(
      'new_recording',
      [recordingOf(1), recordingOf(2), recordingOf(3)],
      context,
    );

    expect(email.subject).toBe('3 new recordings');
    const links = hrefsOf(email.html);
    for (const id of [1, 2, 3]) {
      expect(links).toContain(`${PUBLIC_URL}/webinars/${id}#recordings`);
      expect(email.text).toContain(`New recording: Talk ${id} ${PUBLIC_URL}/webinars/${id}#recordings`);
    }
    // Recordings of different webinars: the one action opens the notifications.
    expect(buttonOf(email.html)).toEqual({ label: 'Open notifications', url: `${PUBLIC_URL}/notifications` });
    expect(email.text).toContain(`Open notifications ${PUBLIC_URL}/notifications`);
    expect(links).toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(email.text).toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(email.text).toContain(`Manage email settings ${PUBLIC_URL}/settings/notifications`);
  });

  it.each([
    ['announcement', '2 new announcements'],
    ['upcoming_webinar', '2 upcoming webinars'],
    ['live_started', '2 webinars are live now'],
  ] as const)('names a digest of %s by its count: "%s"', async (type, subject) => {
    const items = [notificationOf(type, { title: 'One' }), notificationOf(type, { title: 'Two' })];
    expect((await renderDigestEmail(type, items, context)).subject).toBe(subject);
  });

  it('goes straight to the webinar when every notification is about the same one', async () => {
    const email = await renderDigestEmail('new_recording', [recordingOf(7), recordingOf(7)], context);
    expect(buttonOf(email.html)).toEqual({
      label: 'Watch recording',
      url: `${PUBLIC_URL}/webinars/7#recordings`,
    });
    expect(email.text).not.toContain('Open notifications');
  });

  it('says which live session has ended, and links it to its webinar rather than offering to join', async () => {
    const live = (id: number, status: 'live' | 'ended') =>
      notificationOf('live_started', {
        title: `Live now: Talk ${id}`,
        webinar: webinarFacts({ id, title: `Talk ${id}`, status }),
      });
    const email = await renderDigestEmail('live_started', [live(1, 'live'), live(2, 'ended')], context);
    expect(email.text).toContain(`Live now: Talk 1 ${PUBLIC_URL}/webinars/1`);
    expect(email.text).toContain(`Live now: Talk 2 ${PUBLIC_URL}/webinars/2`);
    expect(email.text.match(/The live session has ended\./g)).toHaveLength(1);
    expect(email.text.indexOf('The live session has ended.')).toBeGreaterThan(email.text.indexOf('Talk 2'));
    expect(buttonOf(email.html)).toEqual({ label: 'Open notifications', url: `${PUBLIC_URL}/notifications` });

    const ended = await renderDigestEmail('live_started', [live(2, 'ended'), live(2, 'ended')], context);
    expect(buttonOf(ended.html)).toEqual({ label: 'View webinar', url: `${PUBLIC_URL}/webinars/2` });
    expect(ended.html).not.toContain('Join now');
  });

  it('is the notification email itself when it holds one notification', async () => {
    const item = recordingOf(4);
    expect(await renderDigestEmail('new_recording', [item], context)).toEqual(
      await renderNotificationEmail(item, context),
    );
  });

  it("shows each webinar's start in the reader's zone", async () => {
    const email = await renderDigestEmail('upcoming_webinar', [recordingOf(1), recordingOf(2)], {
      ...context,
      timeZone: 'Asia/Tokyo',
    });
    expect(email.text.match(/Friday, 4 December 2026, 02:00 GMT\+9 \(Asia\/Tokyo\)/g)).toHaveLength(2);
  });

  it('escapes hostile titles and contents in HTML and keeps them readable in text', async () => {
    const hostile = notificationOf('announcement', { title: HOSTILE, content: HOSTILE, webinar: null });
    const email = await renderDigestEmail('announcement', [hostile, hostile], context);
    expect(email.html).not.toMatch(/<(script|img)\b/i);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text.split(HOSTILE).length - 1).toBe(4);
  });

  it('refuses to render an empty digest', async () => {
    await expect(renderDigestEmail('system', [], context)).rejects.toThrow(/at least one/);
  });
});
