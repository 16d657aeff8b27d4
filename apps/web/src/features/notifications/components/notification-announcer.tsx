// Tells screen readers, politely, that a notification arrived: "New notification: <title>". At most
// one announcement every few seconds; what arrives meanwhile is folded into the next one.
import type { Notification } from '@webinar/contracts';
import { useEffect, useState } from 'react';
import { eventStream } from '../../../lib/event-stream.ts';
import { i18n } from '../../../lib/i18n.ts';

export const ANNOUNCE_GAP_MS = 4000;

function announcement(waiting: Notification[]): string {
  const newest = waiting.at(-1);
  if (!newest) return '';
  return i18n.t('notifications:announcer', { count: waiting.length, title: newest.title });
}

export function NotificationAnnouncer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let waiting: Notification[] = [];
    let lastAt = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      lastAt = Date.now();
      setMessage(announcement(waiting));
      waiting = [];
    };
    const unsubscribe = eventStream.on('notification', (notification) => {
      waiting.push(notification);
      if (timer) return;
      const wait = lastAt + ANNOUNCE_GAP_MS - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="notification-announcer">
      {message}
    </div>
  );
}
