// Delete with undo: the row hides at once and the DELETE waits out the undo toast, so "Undo" only
// has to forget it (no restore route, no "deleted" then "restored" flicker in the user's other
// tabs). Leaving the page, deleting another one, or the tab reloading or closing sends it at once;
// the last goes on `pagehide` with `keepalive`, a request the browser finishes after the page is gone.
import type { Notification } from '@webinar/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteNotification, useDeleteNotification } from '../api/delete-notification.ts';

export const UNDO_MS = 5000;

export function useUndoableDelete() {
  const { mutate, error, reset } = useDeleteNotification();
  const [pending, setPending] = useState<Notification | null>(null);
  const pendingRef = useRef<Notification | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const settle = useCallback(
    (send: boolean) => {
      clearTimeout(timer.current);
      const notification = pendingRef.current;
      pendingRef.current = null;
      setPending(null);
      if (send && notification) mutate(notification);
    },
    [mutate],
  );

  const remove = (notification: Notification) => {
    settle(true);
    reset();
    pendingRef.current = notification;
    setPending(notification);
    timer.current = setTimeout(() => settle(true), UNDO_MS);
  };

  useEffect(() => {
    const onPageHide = () => {
      const notification = pendingRef.current;
      if (!notification) return;
      clearTimeout(timer.current);
      pendingRef.current = null;
      setPending(null);
      // The page is going: nothing will read the answer.
      void deleteNotification(notification.id, { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      settle(true);
    };
  }, [settle]);

  return { pending, remove, undo: () => settle(false), error };
}
