// Dates that arrive as text (a request's date-time fields): one parser, so that every field
// accepts and refuses the same values.
import { AppError } from './app-error.ts';

/**
 * An RFC 3339 date-time with its zone, as the schemas' `date-time` format accepts it (`T`, `t` or a
 * space between date and time, a fraction, `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`).
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)$/;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Whether every part is in its range: JS dates roll February 30 over into March instead. */
function inRange(parts: RegExpExecArray): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0] =
    parts.slice(1).map((part) => Number(part ?? 0));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneHours <= 23 &&
    zoneMinutes <= 59
  );
}

/**
 * An ISO-8601 date and time with its zone, as an instant. The `date-time` format lets through
 * values that are no instant the database can store: a leap second (`23:59:60`) is no JS date,
 * and year 0 does not exist in PostgreSQL. Anything that is not such an instant (nor in that shape,
 * for a caller with no schema) is a validation error naming `field` (`refuse` words it otherwise).
 */
export function parseDateTime(
  value: string,
  field: string,
  refuse: () => AppError = () =>
    new AppError('validation_error', 'The request is invalid.', { [field]: 'is not a valid date' }),
): Date {
  const parts = DATE_TIME.exec(value);
  const date = parts && inRange(parts) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) throw refuse();
  return date;
}

/** The same for an optional field: undefined when it was not given. */
export function parseOptionalDateTime(value: string | undefined, field: string): Date | undefined {
  return value === undefined ? undefined : parseDateTime(value, field);
}
