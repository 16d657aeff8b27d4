import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.ts';
import { parseDateTime, parseOptionalDateTime } from './dates.ts';

describe('parseDateTime', () => {
  it.each([
    ['2026-06-30T10:00:00Z', '2026-06-30T10:00:00.000Z'],
    ['2026-06-30T12:00:00+02:00', '2026-06-30T10:00:00.000Z'],
    ['2026-06-30T12:00:00.250+0200', '2026-06-30T10:00:00.250Z'],
    ['2026-06-30t10:00:00z', '2026-06-30T10:00:00.000Z'],
    ['2026-06-30 11:00:00+01', '2026-06-30T10:00:00.000Z'],
    ['2028-02-29T10:00:00Z', '2028-02-29T10:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, instant) => {
    expect(parseDateTime(value, 'starts_at').toISOString()).toBe(instant);
  });

  it.each([
    '2026-06-30T23:59:60Z',
    '0000-06-01T10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2026-06-30T24:00:00Z',
    '2026-06-30T10:60:00Z',
    '2026-06-30T10:00:00+24:00',
    '2026-06-30T10:00:00',
    '2026-06-30',
    'tomorrow',
    'June 30, 2026 10:00 UTC',
    '',
  ])('refuses %j, naming the field', (value) => {
    const error = (() => {
      try {
        parseDateTime(value, 'starts_at');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation_error', fields: { starts_at: 'is not a valid date' } });
  });

  it('words the refusal as the caller asks', () => {
    const refuse = () => new AppError('validation_error', 'send_at is no date.', { send_at: 'is no date' });
    expect(() => parseDateTime('2026-06-30T23:59:60Z', 'send_at', refuse)).toThrow('send_at is no date.');
  });

  it('leaves an optional field that was not given undefined', () => {
    expect(parseOptionalDateTime(undefined, 'created_after')).toBeUndefined();
    expect(parseOptionalDateTime('2026-06-30T10:00:00Z', 'created_after')).toEqual(
      new Date('2026-06-30T10:00:00Z'),
    );
  });
});
