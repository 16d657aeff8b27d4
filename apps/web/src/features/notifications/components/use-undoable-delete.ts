// Delete with undo: the DELETE is only sent once the undo toast has run out. Until then the row is
// hidden; "Undo" simply forgets the request. Leaving the page (or deleting another) sends it at once.
import type { Notification } from '@webinar/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDeleteNotification } from '../api/delete-notification.ts';

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

  useEffect(() => () => settle(true), [settle]);

  return { pending, remove, undo: () => settle(false), error };
}
