// The dashboard's "Announcements" (admins): publish one now or schedule it (everyone else is
// notified once, then), edit or cancel a scheduled one, send or cancel a missed one, delete any.
import type { Announcement } from '@webinar/contracts';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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

type QuotedKey = 'publish.bodyNow' | 'publish.bodyAt' | 'sendNow.body' | 'cancel.body';

/** “Title” and the rest of the sentence, the title in a box that wraps long words. */
function Quoted({ i18nKey, title, time }: { i18nKey: QuotedKey; title: string; time?: string }) {
  const { t } = useTranslation('announcements');
  return (
    <Trans
      t={t}
      i18nKey={i18nKey}
      values={{ title, time }}
      components={{ title: <span className="wrap-anywhere" /> }}
    />
  );
}

export function AnnouncementsManager() {
  const { t } = useTranslation(['announcements', 'common']);
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
    <Section title={t('title')} description={t('description')}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">{t('new.heading')}</h3>
          <AnnouncementFields
            key={formKey}
            initial={{ title: '', content: '' }}
            timing="choose"
            submitLabel={(scheduled) => t(scheduled ? 'new.schedule' : 'new.publish')}
            busy={create.isPending}
            error={publishing ? null : create.error}
            onSubmit={(values) => {
              create.reset();
              setPublishing(values);
            }}
          />
        </div>
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-700">{t('list.heading')}</h3>
          <QueryResults query={announcements} empty={t('list.empty')}>
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
                          {t('sendNow.action')}
                        </Button>
                      ) : null}
                      {waiting(announcement) ? (
                        <>
                          <Button variant="secondary" size="sm" onClick={() => setEditing(announcement)}>
                            {t('common:edit')}
                          </Button>
                          <Button variant="secondary" size="sm" onClick={() => setCancelling(announcement)}>
                            {t('common:cancel')}
                          </Button>
                        </>
                      ) : null}
                      <Button variant="ghostDanger" size="sm" onClick={() => setDeleting(announcement)}>
                        {t('common:delete')}
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
        <Dialog title={t('edit.title')} onClose={() => setEditing(null)}>
          <p className="mb-4 text-sm text-slate-500">
            {editing.state === 'missed' ? t('edit.missedHint') : t('edit.scheduledHint')}
          </p>
          <AnnouncementFields
            initial={{
              title: editing.title,
              content: editing.content,
              ...(editing.send_at ? { sendAt: toDateTimeLocal(editing.send_at) } : {}),
            }}
            timing="scheduled"
            submitLabel={t('common:save')}
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
                        ? t('edit.savedScheduled', { time: formatDateTime(saved.send_at) })
                        : t('edit.saved'),
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
          title={t(publishing.send_at ? 'publish.scheduleTitle' : 'publish.publishTitle')}
          confirmLabel={t(publishing.send_at ? 'publish.schedule' : 'publish.publish')}
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
                      ? t(scheduled ? 'publish.replayedScheduled' : 'publish.replayedPublished')
                      : scheduled
                        ? t('publish.scheduled', { time: formatDateTime(scheduled) })
                        : t('publish.published', { notified: notifiedMessage(notified) }),
                  );
                  setPublishing(null);
                  setFormKey((key) => key + 1);
                  setRequestKey(newRequestKey());
                },
              },
            )
          }
        >
          {publishing.send_at ? (
            <Quoted
              i18nKey="publish.bodyAt"
              title={publishing.title}
              time={formatDateTime(publishing.send_at)}
            />
          ) : (
            <Quoted i18nKey="publish.bodyNow" title={publishing.title} />
          )}
        </ConfirmDialog>
      ) : null}

      {sending ? (
        <ConfirmDialog
          title={t('sendNow.title')}
          confirmLabel={t('sendNow.action')}
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
                toast.success(t('sendNow.sent', { notified: notifiedMessage(notified) }));
              },
            })
          }
        >
          <Quoted i18nKey="sendNow.body" title={sending.title} />
        </ConfirmDialog>
      ) : null}

      {cancelling ? (
        <ConfirmDialog
          title={t('cancel.title')}
          confirmLabel={t('cancel.action')}
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
                toast.success(t('cancel.done'));
              },
            })
          }
        >
          <Quoted i18nKey="cancel.body" title={cancelling.title} />
        </ConfirmDialog>
      ) : null}

      {deleting ? (
        <ConfirmDialog
          title={t('delete.title')}
          confirmLabel={t('common:delete')}
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
                toast.success(t('delete.done'));
              },
            })
          }
        >
          {t(waiting(deleting) ? 'delete.bodyWaiting' : 'delete.body', { title: deleting.title })}
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
