// The dashboard's "Announcements" (admins): publish one (everyone else is notified once), edit or
// delete the published ones.
import type { Announcement } from '@webinar/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { EditDeleteButtons } from '../../../components/ui/edit-delete-buttons.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { formatDateTime, notifiedMessage } from '../../../lib/format.ts';
import { newRequestKey } from '../../../lib/request-key.ts';
import { useCreateAnnouncement } from '../api/create-announcement.ts';
import { useDeleteAnnouncement } from '../api/delete-announcement.ts';
import { useAnnouncements } from '../api/get-announcements.ts';
import { useUpdateAnnouncement } from '../api/update-announcement.ts';
import { AnnouncementFields } from './announcement-fields.tsx';

export function AnnouncementsManager() {
  const announcements = useAnnouncements();
  const create = useCreateAnnouncement();
  const update = useUpdateAnnouncement();
  const remove = useDeleteAnnouncement();
  const toast = useToast();
  // Publishing notifies everyone: it waits for a confirmation.
  const [publishing, setPublishing] = useState<{ title: string; content: string } | null>(null);
  const [editing, setEditing] = useState<Announcement | null>(null);
  const [deleting, setDeleting] = useState<Announcement | null>(null);
  // A new key empties the form after publishing.
  const [formKey, setFormKey] = useState(0);
  // One per announcement being written: publishing it again after an error cannot make two.
  const [requestKey, setRequestKey] = useState(newRequestKey);

  return (
    <Section title="Announcements" description="Every other user is notified once when you publish.">
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">New announcement</h3>
          <AnnouncementFields
            key={formKey}
            initial={{ title: '', content: '' }}
            submitLabel="Publish announcement"
            busy={create.isPending}
            error={publishing ? null : create.error}
            onSubmit={(values) => {
              create.reset();
              setPublishing(values);
            }}
          />
        </div>
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">Published</h3>
          <QueryResults query={announcements} empty="No announcements yet.">
            {(results) => (
              <ul className="divide-y divide-slate-100">
                {results.map((announcement) => (
                  <li key={announcement.id} className="flex items-start gap-3 py-3 first:pt-0 last:pb-0">
                    <div className="min-w-0 flex-1">
                      <p className="text-sm font-medium wrap-anywhere text-slate-900">{announcement.title}</p>
                      <p className="line-clamp-2 text-sm wrap-anywhere text-slate-600">
                        {announcement.content}
                      </p>
                      <p className="text-xs text-slate-500">{formatDateTime(announcement.created_at)}</p>
                    </div>
                    <EditDeleteButtons
                      className="shrink-0"
                      onEdit={() => setEditing(announcement)}
                      onDelete={() => setDeleting(announcement)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </QueryResults>
        </div>
      </div>

      {editing ? (
        <Dialog title="Edit announcement" onClose={() => setEditing(null)}>
          <p className="mb-4 text-sm text-slate-500">Editing does not notify anyone again.</p>
          <AnnouncementFields
            initial={editing}
            submitLabel="Save"
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(input) =>
              update.mutate(
                { id: editing.id, input },
                {
                  onSuccess: () => {
                    setEditing(null);
                    toast.success('Announcement saved');
                  },
                },
              )
            }
          />
        </Dialog>
      ) : null}

      {publishing ? (
        <ConfirmDialog
          title="Publish announcement?"
          confirmLabel="Publish"
          tone="primary"
          busy={create.isPending}
          error={create.error}
          onCancel={() => setPublishing(null)}
          onConfirm={() =>
            create.mutate(
              { input: publishing, requestKey },
              {
                onSuccess: ({ notified, replayed }) => {
                  toast.success(
                    replayed
                      ? 'Announcement published (your first attempt had gone through)'
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
          “<span className="wrap-anywhere">{publishing.title}</span>” will notify every other user at once.
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
          “{deleting.title}” will be removed for everyone.
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
