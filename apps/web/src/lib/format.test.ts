import { describe, expect, it } from 'vitest';
import { formatRelative, notifiedMessage } from './format.ts';

describe('formatRelative', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('reads like a person would say it', () => {
    expect(formatRelative(ago(20_000), now)).toBe('just now');
    expect(formatRelative(ago(5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative(ago(60 * 60_000), now)).toBe('1 hour ago');
    expect(formatRelative(ago(26 * 3600_000), now)).toBe('yesterday');
    expect(formatRelative(ago(3 * 86400_000), now)).toBe('3 days ago');
    expect(formatRelative(ago(-2 * 3600_000), now)).toBe('in 2 hours');
  });
});

describe('notifiedMessage', () => {
  it('counts users', () => {
    expect(notifiedMessage(1)).toBe('1 user notified');
    expect(notifiedMessage(3)).toBe('3 users notified');
  });
});
