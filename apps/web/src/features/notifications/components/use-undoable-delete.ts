// Delete with undo: the row hides at once and the DELETE waits out the undo toast, so "Undo" only
// has to forget it (no restore route, no "deleted" then "restored" flicker in the user's other
// tabs). Leaving the page, deleting another one, or the tab reloading or closing sends it at once;
// the last goes on `pagehide` with `keepalive`, a request the browser finishes after the page is gone.
import type { Notification } from '@webinar/contracts';
import { useEffect } from 'react';
import { deleteNotification, useDeleteNotification } from '../api/delete-notification.ts';
import { useUndoWindow } from './use-undo-window.ts';

export function useUndoableDelete() {
  const { mutate, error, reset } = useDeleteNotification();
  const { pending, offer, undo, withdraw } = useUndoWindow<Notification>((notification, undone) => {
    if (!undone) mutate(notification);
  });

  const remove = (notification: Notification) => {
    offer(notification);
    reset();
  };

  useEffect(() => {
    const onPageHide = () => {
      const notification = withdraw();
      // The page is going: nothing will read the answer.
      if (notification) void deleteNotification(notification.id, { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [withdraw]);

  return { pending, remove, undo, error };
}
