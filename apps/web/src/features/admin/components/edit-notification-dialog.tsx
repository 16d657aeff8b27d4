import type { AdminNotification, NotificationType } from '@webinar/contracts';
import { isNotificationType } from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TypeOptions } from '../../../components/notification-type-options.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogActions } from '../../../components/ui/dialog.tsx';
import { Checkbox, Field, Select } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useUpdateAdminNotification } from '../api/update-admin-notification.ts';

interface EditNotificationDialogProps {
  notification: AdminNotification;
  onClose: () => void;
  onSaved: () => void;
}

export function EditNotificationDialog({ notification, onClose, onSaved }: EditNotificationDialogProps) {
  const { t } = useTranslation(['admin', 'common']);
  const update = useUpdateAdminNotification();
  const [title, setTitle] = useState(notification.title);
  const [content, setContent] = useState(notification.content);
  const [type, setType] = useState<NotificationType>(notification.notification_type);
  const [read, setRead] = useState(notification.is_read);
  const fields = update.error instanceof ApiError ? update.error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: notification.id,
        input: { title: title.trim(), content: content.trim(), notification_type: type, is_read: read },
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <Dialog title={t('edit.title')} onClose={onClose}>
      <p className="mb-4 text-sm text-slate-500">
        {t('edit.for', { user: notification.user.username, id: notification.user.id })}
      </p>
      <form onSubmit={submit} className="space-y-4">
        {update.isError ? <ErrorMessage error={update.error} /> : null}
        <TitleContentFields
          title={title}
          content={content}
          onTitleChange={setTitle}
          onContentChange={setContent}
          errors={fields}
        />
        <Field label={t('common:filters.type')}>
          <Select
            value={type}
            onChange={(event) => {
              if (isNotificationType(event.target.value)) setType(event.target.value);
            }}
          >
            <TypeOptions />
          </Select>
        </Field>
        <Checkbox label={t('read')} checked={read} onChange={(event) => setRead(event.target.checked)} />
        <DialogActions onCancel={onClose}>
          <Button type="submit" busy={update.isPending}>
            {t('common:save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
