// Send a notification by hand: to one user (picked by username), everyone with a role, or
// everyone (those two after a confirmation).
import {
  type AdminNotificationCreate,
  type AdminUserSummary,
  isNotificationType,
  type NotificationType,
  ROLES,
  type Role,
} from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { TypeOptions } from '../../../components/notification-type-options.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { Field, Select } from '../../../components/ui/field.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { findUserByUsername } from '../../../components/users/search-users.ts';
import { UserPicker } from '../../../components/users/user-picker.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { newRequestKey } from '../../../lib/request-key.ts';
import { useSendAdminNotification } from '../api/send-admin-notification.ts';

type Audience = 'user' | 'role' | 'everyone';
type Recipients = Pick<AdminNotificationCreate, 'user_ids' | 'role' | 'everyone'>;

export function SendNotificationForm() {
  const { t } = useTranslation(['admin', 'common']);
  const send = useSendAdminNotification();
  const toast = useToast();
  const [audience, setAudience] = useState<Audience>('user');
  const [username, setUsername] = useState('');
  const [picked, setPicked] = useState<AdminUserSummary | null>(null);
  const [unknownUser, setUnknownUser] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('student');
  const [type, setType] = useState<NotificationType>('system');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  // Sending to a role or to everyone waits for a confirmation.
  const [confirming, setConfirming] = useState(false);
  // One per message being written: sending it again after an error cannot send it twice.
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const fields = send.error instanceof ApiError ? send.error.fields : {};

  const deliver = (recipients: Recipients) => {
    send.mutate(
      {
        input: { ...recipients, notification_type: type, title: title.trim(), content: content.trim() },
        requestKey,
      },
      {
        onSuccess: (result) => {
          toast.success(result.replayed ? t('send.replayed') : t('send.sent', { count: result.created }));
          setTitle('');
          setContent('');
          setRequestKey(newRequestKey());
        },
        onSettled: () => setConfirming(false),
      },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    send.reset();
    setUnknownUser(null);
    if (audience !== 'user') {
      setConfirming(true);
      return;
    }
    const user = picked ?? (await findUserByUsername(username));
    if (!user) {
      setUnknownUser(t('send.unknownUser', { name: username.trim() }));
      return;
    }
    deliver({ user_ids: [user.id] });
  };

  return (
    <Section
      title={t('send.title')}
      description={t('send.description', { system: t('common:notificationType.system') })}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {send.isError ? <ErrorMessage error={send.error} /> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t('send.recipients')}>
            <Select value={audience} onChange={(event) => setAudience(event.target.value as Audience)}>
              <option value="user">{t('send.audience.user')}</option>
              <option value="role">{t('send.audience.role')}</option>
              <option value="everyone">{t('send.audience.everyone')}</option>
            </Select>
          </Field>
          {audience === 'user' ? (
            <UserPicker
              label={t('send.username')}
              required
              value={username}
              error={unknownUser ?? fields.user_ids ?? fields['user_ids.0']}
              onChange={(text, user) => {
                setUsername(text);
                setPicked(user);
                setUnknownUser(null);
              }}
            />
          ) : null}
          {audience === 'role' ? (
            <Field label={t('send.role')}>
              <Select
                value={role}
                onChange={(event) =>
                  setRole(ROLES.find((value) => value === event.target.value) ?? 'student')
                }
              >
                {ROLES.map((value) => (
                  <option key={value} value={value}>
                    {t(`send.roles.${value}`)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
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
        </div>
        <TitleContentFields
          title={title}
          content={content}
          onTitleChange={setTitle}
          onContentChange={setContent}
          errors={fields}
        />
        <Button type="submit" busy={send.isPending}>
          {t('send.send')}
        </Button>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={audience === 'everyone' ? t('send.confirmEveryone') : t(`send.confirmRole.${role}`)}
          confirmLabel={t('send.send')}
          tone="primary"
          busy={send.isPending}
          error={null}
          onCancel={() => setConfirming(false)}
          onConfirm={() => deliver(audience === 'everyone' ? { everyone: true } : { role })}
        >
          <Trans
            t={t}
            i18nKey={audience === 'everyone' ? 'send.bodyEveryone' : 'send.bodyRole'}
            values={{ title: title.trim(), role: t(`send.roleNames.${role}`) }}
            components={{ title: <span className="wrap-anywhere" /> }}
          />
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
