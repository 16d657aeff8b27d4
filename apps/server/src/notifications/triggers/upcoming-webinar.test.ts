import { describe, expect, it } from 'vitest';
import { startsWhen } from './upcoming-webinar.ts';

const now = new Date('2026-06-01T21:30:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('when a reminder says the webinar starts', () => {
  it('counts minutes within the hour and hours within half a day', () => {
    expect(startsWhen(later(45 * MINUTE), now)).toBe('in 45 minutes');
    expect(startsWhen(later(MINUTE), now)).toBe('in 1 minute');
    expect(startsWhen(later(60 * MINUTE), now)).toBe('in 1 hour');
    expect(startsWhen(later(3 * HOUR), now)).toBe('in 3 hours');
    expect(startsWhen(later(3 * HOUR + 20 * MINUTE), now)).toBe('in 3 hours');
  });

  it('names the day and the time in UTC further ahead', () => {
    expect(startsWhen(new Date('2026-06-02T15:00:00.000Z'), now)).toBe('tomorrow at 15:00 UTC');
    expect(startsWhen(new Date('2026-06-04T09:05:00.000Z'), now)).toBe('on 2026-06-04 at 09:05 UTC');
    const morning = new Date('2026-06-01T06:00:00.000Z');
    expect(startsWhen(new Date('2026-06-01T23:00:00.000Z'), morning)).toBe('today at 23:00 UTC');
  });

  it('says now for a start that has come', () => {
    expect(startsWhen(now, now)).toBe('now');
    expect(startsWhen(later(-HOUR), now)).toBe('now');
  });
});
