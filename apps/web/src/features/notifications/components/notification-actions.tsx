// A notification's actions (notification-actions.ts in contracts) as links: "Join now", "Watch
// recording", "Add to calendar", "View webinar". One that no longer applies shows why instead.
import type { Notification } from '@webinar/contracts';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn.ts';

const LINK =
  'rounded text-xs font-semibold text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

interface NotificationActionsProps {
  notification: Notification;
  /** Called when the reader follows one (e.g. to mark it read and close the bell). */
  onFollow?: () => void;
  className?: string;
}

export function NotificationActions({ notification, onFollow, className }: NotificationActionsProps) {
  const { actions } = notification;
  if (actions.length === 0) return null;
  return (
    <div className={cn('flex flex-wrap items-center gap-x-4 gap-y-1', className)}>
      {actions.map((action) =>
        action.unavailable !== null ? (
          <span key={action.kind} className="text-xs text-slate-600">
            {action.unavailable}
          </span>
        ) : action.href.startsWith('/api/') ? (
          // A file from the API (the calendar invite): downloaded, not a page of the app.
          <a key={action.kind} href={action.href} download onClick={onFollow} className={LINK}>
            {action.label}
          </a>
        ) : (
          <Link key={action.kind} to={action.href} onClick={onFollow} className={LINK}>
            {action.label}
          </Link>
        ),
      )}
    </div>
  );
}
