import type { Announcement } from '@webinar/contracts';
import { describe, expect, it } from 'vitest';
import { type AnnouncementPage, nextRefetchMs } from './get-announcements.ts';

const NOW = Date.parse('2026-12-07T10:00:00Z');

function page(...items: Array<Pick<Announcement, 'state' | 'send_at'>>): AnnouncementPage {
  const results = items.map((item, i) => ({
    id: i + 1,
    title: 'T',
    content: 'C',
    author: null,
    sent_at: null,
    created_at: '2026-12-07T09:00:00Z',
    updated_at: '2026-12-07T09:00:00Z',
    ...item,
  }));
  return { count: results.length, page: 1, page_size: 100, results };
}

const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('when the announcement list looks again', () => {
  it('never, while nothing is scheduled', () => {
    expect(nextRefetchMs(undefined, NOW)).toBe(false);
    expect(
      nextRefetchMs(page({ state: 'sent', send_at: null }, { state: 'missed', send_at: at(-1) }), NOW),
    ).toBe(false);
  });

  it('a few seconds after the soonest scheduled one, within 5 s to a minute', () => {
    expect(
      nextRefetchMs(
        page({ state: 'scheduled', send_at: at(20_000) }, { state: 'scheduled', send_at: at(40_000) }),
        NOW,
      ),
    ).toBe(23_000);
    expect(nextRefetchMs(page({ state: 'scheduled', send_at: at(-10_000) }), NOW)).toBe(5000);
    expect(nextRefetchMs(page({ state: 'scheduled', send_at: at(3_600_000) }), NOW)).toBe(60_000);
  });
});
