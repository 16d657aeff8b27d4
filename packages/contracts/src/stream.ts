import type { Notification, UnreadCount } from './notifications.ts';

/**
 * The live event stream (GET /api/communications/notifications/stream/, server-sent events):
 * event name → payload. Only `notification` events carry an SSE id: the stream's position (the
 * notifications the client has, e.g. `1200.1203`; opaque to clients), so a client reconnecting
 * with Last-Event-ID gets the notifications it missed.
 */
/** What happened to notifications a user already had. */
export type NotificationChange = 'read' | 'unread' | 'deleted' | 'edited' | 'archived' | 'restored';

export interface StreamEvents {
  notification: Notification;
  notification_updated: { ids: number[] | 'all'; change: NotificationChange };
  unread_count: UnreadCount;
}

export type StreamEventName = keyof StreamEvents;
export const STREAM_EVENT_NAMES: readonly StreamEventName[] = [
  'notification',
  'notification_updated',
  'unread_count',
];

/** How long a client waits before reconnecting (sent as the stream's `retry:` hint). */
export const STREAM_RETRY_MS = 3000;
