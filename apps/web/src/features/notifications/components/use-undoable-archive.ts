// Archive with undo, for the bell: the notifications leave at once and the archive is sent at once,
// as on the page (an archived one can be restored, unlike a deleted one, so nothing has to wait out
// the toast). Undo restores them, unread again if they were. A refusal puts them back and says why.
import type { Notification } from '@webinar/contracts';
import { useToast } from '../../../components/ui/toast.tsx';
import { useSetNotificationArchived } from '../api/archive-notification.ts';
import { useMarkNotificationUnread } from '../api/mark-notification-unread.ts';
import { useUndoWindow } from './use-undo-window.ts';

interface ArchivedBatch {
  notifications: readonly Notification[];
  /** Each one's archive request, in the same order. */
  sent: ReadonlyArray<Promise<Notification>>;
}

export function useUndoableArchive() {
  const archive = useSetNotificationArchived(true);
  const restore = useSetNotificationArchived(false);
  const markUnread = useMarkNotificationUnread();
  const toast = useToast();

  const putBack = async ({ notifications, sent }: ArchivedBatch) => {
    // Undo may come before the server answered: a restore must not overtake its archive.
    const outcomes = await Promise.allSettled(sent);
    const archived = notifications.filter((_, index) => outcomes[index]?.status === 'fulfilled');
    // Marking an archived one unread also restores it: one request brings it back as it was.
    await Promise.all(
      archived.map((notification) =>
        notification.is_read ? restore.mutateAsync(notification) : markUnread.mutateAsync(notification),
      ),
    ).catch(toast.error);
  };

  const { pending, offer, undo, withdraw } = useUndoWindow<ArchivedBatch>((batch, undone) => {
    if (undone) void putBack(batch);
  });

  const archiveAll = (notifications: readonly Notification[]) => {
    // mutateAsync: mutate's own callbacks would run for the last call only.
    const batch = {
      notifications,
      sent: notifications.map((notification) => archive.mutateAsync(notification)),
    };
    offer(batch);
    Promise.all(batch.sent).catch((error: unknown) => {
      withdraw(batch);
      toast.error(error);
    });
  };

  return { pending: pending?.notifications ?? null, archive: archiveAll, undo };
}
