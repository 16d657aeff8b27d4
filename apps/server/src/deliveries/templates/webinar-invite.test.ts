// The webinar as an iCalendar file, read back line by line as RFC 5545 writes them.
import { describe, expect, it } from 'vitest';
import { webinarFacts } from '../../../test/helpers/emails.ts';
import { webinarInvite } from './index.ts';

/** The content lines: CRLF-separated, with folded continuation lines (CRLF + space) joined. */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** The properties of the first VEVENT, by name (without parameters). */
function eventOf(ics: string): Map<string, string> {
  const lines = contentLines(ics);
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  return new Map(
    lines.slice(start + 1, end).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).split(';')[0] ?? '', line.slice(colon + 1)];
    }),
  );
}

const STAMP = new Date('2026-11-20T08:30:00Z');

describe('a webinar invite', () => {
  it('is one published VEVENT with a stable UID, the start in UTC, the duration and the page', () => {
    const ics = webinarInvite(
      webinarFacts({ durationMinutes: 90 }),
      'https://webinars.example:8443/app',
      STAMP,
    );
    const lines = contentLines(ics);

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);

    const event = eventOf(ics);
    expect(event.get('UID')).toBe('webinar-42@webinars.example');
    expect(event.get('DTSTART')).toBe('20261203T170000Z');
    expect(event.get('DURATION')).toBe('PT90M');
    expect(event.get('DTSTAMP')).toBe('20261120T083000Z');
    expect(event.get('SUMMARY')).toBe('Typed SQL in practice');
    expect(event.get('URL')).toBe('https://webinars.example:8443/app/webinars/42');
    expect(event.get('DESCRIPTION')).toBe('Queries you can read\\, types you can trust.');
  });

  it('is the same file for the same webinar and moment', () => {
    const webinar = webinarFacts();
    expect(webinarInvite(webinar, 'https://webinars.example', STAMP)).toBe(
      webinarInvite(webinar, 'https://webinars.example', STAMP),
    );
  });

  it("escapes the text values' separators and line breaks, and folds long lines", () => {
    const title = `Ends; commas, and\nnew lines ${'long '.repeat(30)}`.trim();
    const ics = webinarInvite(
      webinarFacts({ title, description: 'a\\b' }),
      'https://webinars.example',
      STAMP,
    );
    const event = eventOf(ics);
    expect(event.get('SUMMARY')).toBe(`Ends\\; commas\\, and\\nnew lines ${'long '.repeat(30)}`.trim());
    expect(event.get('DESCRIPTION')).toBe('a\\\\b');
    // RFC 5545: lines longer than 75 octets are folded.
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
