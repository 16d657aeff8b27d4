// The newest state of the unread count this tab was given, with its version: the server gives a
// version with every answer that changes notifications and in the unread count's ETag
// (`"unread-<count>-<version>"`). The poll sends it back in If-None-Match, so a server process that
// has not yet heard of a change this tab has seen (another process made it) reads the database
// instead of answering from its older memory. Versions only grow.

const VERSION_HEADER = 'notifications-version';
const UNREAD_ETAG = /^(?:W\/)?"unread-(\d+)-(\d+)"$/;

let known: { count: number; version: number } | undefined;

function versionIn(headers: Headers): number | undefined {
  const value = headers.get(VERSION_HEADER);
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** What the next poll sends as If-None-Match. */
export function unreadCountEtag(): string | undefined {
  return known && `"unread-${known.count}-${known.version}"`;
}

/** The count the tab was last given (by a poll, a change or the live stream). */
export function knownUnreadCount(): number | undefined {
  return known?.count;
}

/** A poll's answer: its ETag names the count and version. */
export function noteUnreadCountEtag(etag: string | null): void {
  const match = etag ? UNREAD_ETAG.exec(etag) : null;
  if (match) note(Number(match[1]), Number(match[2]));
}

/** An answer that changed notifications; `count` when it says what the count became. */
export function noteChange(headers: Headers, count?: number): void {
  const version = versionIn(headers);
  if (version !== undefined) note(count ?? known?.count ?? 0, version);
}

/** A count from the live stream, which is at least as new as anything the tab was given. */
export function noteStreamCount(count: number): void {
  if (known) known = { count, version: known.version };
}

function note(count: number, version: number): void {
  if (known && version < known.version) return;
  known = { count, version };
}

/** Forgets the count and version, as a new tab starts (test files share one module). */
export function forgetUnreadVersion(): void {
  known = undefined;
}
