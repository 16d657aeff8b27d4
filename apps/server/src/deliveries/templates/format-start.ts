// A webinar's start as the recipient reads it: "Thursday, 3 December 2026, 18:00 CET", always in
// the recipient's zone and always naming it, since an email may be read anywhere.

/** British English gives day-month order and names most European zones (CET, GMT). */
const DATE_LOCALE = 'en-GB';
/** American English names the North American zones (EST, PDT) that British English writes as offsets. */
const ZONE_NAME_LOCALES = ['en-GB', 'en-US'];

function isUsableZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(DATE_LOCALE, { timeZone });
    return true;
  } catch {
    return false;
  }
}

function partsOf(date: Date, locale: string, options: Intl.DateTimeFormatOptions) {
  const parts = new Intl.DateTimeFormat(locale, options).formatToParts(date);
  return (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
}

/** A letter abbreviation when either locale knows one, else the offset with the zone's own name. */
function zoneName(date: Date, timeZone: string): string {
  let offset = '';
  for (const locale of ZONE_NAME_LOCALES) {
    const name = partsOf(date, locale, { timeZone, timeZoneName: 'short' })('timeZoneName');
    if (/^[A-Z]{2,5}$/.test(name)) return name;
    offset ||= name;
  }
  return timeZone === 'UTC' ? 'UTC' : `${offset} (${timeZone})`;
}

/** An unknown zone falls back to UTC rather than failing the whole email. */
export function formatStart(date: Date, timeZone: string): string {
  const zone = isUsableZone(timeZone) ? timeZone : 'UTC';
  const part = partsOf(date, DATE_LOCALE, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${zoneName(date, zone)}`;
}

/** "45 minutes", "1 hour", "1 hour 30 minutes". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}
