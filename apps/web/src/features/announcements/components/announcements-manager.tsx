// The dashboard's "Announcements" (admins): publish one now or schedule it (everyone else is
// notified once, then), edit or cancel a scheduled one, send or cancel a missed one, delete any.
import type { Announcement } from '@webinar/contracts';
import { useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { formatDateTime, notifiedMessage, toDateTimeLocal } from '../../../lib/format.ts';
import { newRequestKey } from '../../../lib/request-key.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useCancelAnnouncement } from '../api/cancel-announcement.ts';
import { useCreateAnnouncement } from '../api/create-announcement.ts';
import { useDeleteAnnouncement } from '../api/delete-announcement.ts';
import { useAnnouncements } from '../api/get-announcements.ts';
import { useSendAnnouncement } from '../api/send-announcement.ts';
import { useUpdateAnnouncement } from '../api/update-announcement.ts';
import { AnnouncementFields, type AnnouncementValues } from './announcement-fields.tsx';
import { AnnouncementStatus } from './announcement-status.tsx';

/** Scheduled and missed announcements have not gone out: they can still change. */
const waiting = (announcement: Announcement) =>
  announcement.state === 'scheduled' || announcement.state === 'missed';

export function AnnouncementsManager() {
  const announcements = useAnnouncements();
  const create = useCreateAnnouncement();
  const update = useUpdateAnnouncement();
  const cancel = useCancelAnnouncement();
  const sendNow = useSendAnnouncement();
  const remove = useDeleteAnnouncement();
  const toast = useToast();
  const now = useNow(30_000);
  // Publishing (or scheduling) notifies everyone: it waits for a confirmation.
  const [publishing, setPublishing] = useState<AnnouncementValues | null>(null);
  const [editing, setEditing] = useState<Announcement | null>(null);
  const [cancelling, setCancelling] = useState<Announcement | null>(null);
  const [sending, setSending] = useState<Announcement | null>(null);
  const [deleting, setDeleting] = useState<Announcement | null>(null);
  // A new key empties the form after publishing.
  const [formKey, setFormKey] = useState(0);
  // One per announcement being written: publishing it again after an error cannot make two.
  const [requestKey, setRequestKey] = useState(newRequestKey);

  return (
    <Section
      title="Announcements"
      description="Every other user is notified once: when you publish, or at the time you schedule."
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">New announcement</h3>
          <AnnouncementFields
            key={formKey}
            initial={{ title: '', content: '' }}
            timing="choose"
            submitLabel={(scheduled) => (scheduled ? 'Schedule announcement' : 'Publish announcement')}
            busy={create.isPending}
            error={publishing ? null : create.error}
            onSubmit={(values) => {
              create.reset();
              setPublishing(values);
            }}
          />
        </div>
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">Sent and scheduled</h3>
          <QueryResults query={announcements} empty="No announcements yet.">
            {(results) => (
              <ul className="divide-y divide-slate-100">
                {results.map((announcement) => (
                  <li
                    key={announcement.id}
                    className="flex flex-wrap items-start gap-3 py-3 first:pt-0 last:pb-0"
                  >
                    <div className="min-w-0 flex-1 basis-48">
                      <p className="text-sm font-medium wrap-anywhere text-slate-900">{announcement.title}</p>
                      <p className="line-clamp-2 text-sm wrap-anywhere text-slate-600">
                        {announcement.content}
                      </p>
                      <AnnouncementStatus announcement={announcement} now={now} />
                    </div>
                    <div className="flex shrink-0 flex-wrap gap-1">
                      {announcement.state === 'missed' ? (
                        <Button size="sm" onClick={() => setSending(announcement)}>
                          Send now
                        </Button>
                      ) : null}
                      {waiting(announcement) ? (
                        <>
                          <Button variant="secondary" size="sm" onClick={() => setEditing(announcement)}>
                            Edit
                          </Button>
                          <Button variant="secondary" size="sm" onClick={() => setCancelling(announcement)}>
                            Cancel
                          </Button>
                        </>
                      ) : null}
                      <Button variant="ghostDanger" size="sm" onClick={() => setDeleting(announcement)}>
                        Delete
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </QueryResults>
        </div>
      </div>

      {editing ? (
        <Dialog title="Edit announcement" onClose={() => setEditing(null)}>
          <p className="mb-4 text-sm text-slate-500">
            {editing.state === 'missed'
              ? 'A new time schedules it again.'
              : 'It goes out as you leave it, at the time below.'}
          </p>
          <AnnouncementFields
            initial={{
              title: editing.title,
              content: editing.content,
              ...(editing.send_at ? { sendAt: toDateTimeLocal(editing.send_at) } : {}),
            }}
            timing="scheduled"
            submitLabel="Save"
            busy={update.isPending}
            error={update.error}
            onCancel={() => {
              update.reset();
              setEditing(null);
            }}
            onSubmit={(input) =>
              update.mutate(
                { id: editing.id, input },
                {
                  onSuccess: (saved) => {
                    setEditing(null);
                    toast.success(
                      saved.state === 'scheduled' && saved.send_at
                        ? `Announcement saved · scheduled for ${formatDateTime(saved.send_at)}`
                        : 'Announcement saved',
                    );
                  },
                },
              )
            }
          />
        </Dialog>
      ) : null}

      {publishing ? (
        <ConfirmDialog
          title={publishing.send_at ? 'Schedule announcement?' : 'Publish announcement?'}
          confirmLabel={publishing.send_at ? 'Schedule' : 'Publish'}
          tone="primary"
          busy={create.isPending}
          error={create.error}
          onCancel={() => setPublishing(null)}
          onConfirm={() =>
            create.mutate(
              { input: publishing, requestKey },
              {
                onSuccess: ({ announcement, notified, replayed }) => {
                  const scheduled = announcement.state === 'scheduled' && announcement.send_at;
                  toast.success(
                    replayed
                      ? `Announcement ${scheduled ? 'scheduled' : 'published'} (your first attempt had gone through)`
                      : scheduled
                        ? `Announcement scheduled for ${formatDateTime(scheduled)}`
                        : `Announcement published · ${notifiedMessage(notified)}`,
                  );
                  setPublishing(null);
                  setFormKey((key) => key + 1);
                  setRequestKey(newRequestKey());
                },
              },
            )
          }
        >
          “<span className="wrap-anywhere">{publishing.title}</span>” will notify every other user{' '}
          {publishing.send_at ? `on ${formatDateTime(publishing.send_at)}` : 'at once'}.
        </ConfirmDialog>
      ) : null}

      {sending ? (
        <ConfirmDialog
          title="Send announcement now?"
          confirmLabel="Send now"
          tone="primary"
          busy={sendNow.isPending}
          error={sendNow.error}
          onCancel={() => {
            sendNow.reset();
            setSending(null);
          }}
          onConfirm={() =>
            sendNow.mutate(sending.id, {
              onSuccess: ({ notified }) => {
                setSending(null);
                toast.success(`Announcement sent · ${notifiedMessage(notified)}`);
              },
            })
          }
        >
          “<span className="wrap-anywhere">{sending.title}</span>” will notify every other user at once.
        </ConfirmDialog>
      ) : null}

      {cancelling ? (
        <ConfirmDialog
          title="Cancel this announcement?"
          confirmLabel="Cancel announcement"
          busy={cancel.isPending}
          error={cancel.error}
          onCancel={() => {
            cancel.reset();
            setCancelling(null);
          }}
          onConfirm={() =>
            cancel.mutate(cancelling.id, {
              onSuccess: () => {
                setCancelling(null);
                toast.success('Announcement cancelled');
              },
            })
          }
        >
          “<span className="wrap-anywhere">{cancelling.title}</span>” will never be sent.
        </ConfirmDialog>
      ) : null}

      {deleting ? (
        <ConfirmDialog
          title="Delete announcement?"
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                setDeleting(null);
                toast.success('Announcement deleted');
              },
            })
          }
        >
          “{deleting.title}” will be removed for everyone
          {waiting(deleting) ? ' and never sent' : ''}.
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
