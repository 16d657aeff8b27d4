// Folds runs of alike notifications into one line, as GitHub and Slack do: consecutive ones of the
// same type about the same webinar, or of the same type within a day, three or more, become
// "3 new recordings".
import type { Notification, NotificationType } from '@webinar/contracts';
import { i18n } from '../../../lib/i18n.ts';

const DAY_MS = 86_400_000;

export type NotificationLine =
  | { kind: 'single'; notification: Notification }
  | { kind: 'group'; key: string; type: NotificationType; items: Notification[]; unread: number };

/** "3 new recordings". */
export function groupLabel(type: NotificationType, count: number): string {
  return i18n.t(`notifications:group.label.${type}`, { count });
}

/** The webinar every item is about, if they share one. */
export function sharedWebinar(items: readonly Notification[]): Notification['related_webinar'] {
  const first = items[0]?.related_webinar ?? null;
  return first && items.every((item) => item.related_webinar?.id === first.id) ? first : null;
}

/** Fewer alike ones than this stay as they are: folding two lines into one saves little and costs a click. */
const SMALLEST_GROUP = 3;

/** A system message is an admin's message of its own: each is shown by itself. */
const NEVER_GROUPED: ReadonlySet<NotificationType> = new Set(['system']);

function belongs(group: Notification[], next: Notification): boolean {
  const first = group[0] as Notification;
  if (next.notification_type !== first.notification_type || NEVER_GROUPED.has(first.notification_type))
    return false;
  const webinar = first.related_webinar?.id;
  if (webinar !== undefined && group.every((item) => item.related_webinar?.id === webinar))
    if (next.related_webinar?.id === webinar) return true;
  return Date.parse(first.created_at) - Date.parse(next.created_at) < DAY_MS;
}

/** The list (newest first) as lines: a run of three or more alike notifications is one group. */
export function groupNotifications(items: readonly Notification[]): NotificationLine[] {
  const runs: Notification[][] = [];
  for (const item of items) {
    const run = runs.at(-1);
    if (run && belongs(run, item)) run.push(item);
    else runs.push([item]);
  }
  return runs.flatMap((run): NotificationLine[] =>
    run.length < SMALLEST_GROUP
      ? run.map((notification) => ({ kind: 'single', notification }))
      : [
          {
            kind: 'group',
            // The oldest item names the group, so it stays open as newer ones join it.
            key: `${run[0]?.notification_type}-${run.at(-1)?.id}`,
            type: (run[0] as Notification).notification_type,
            items: run,
            unread: run.filter((item) => !item.is_read).length,
          },
        ],
  );
}
