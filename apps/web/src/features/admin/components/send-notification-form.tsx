// Send a notification by hand: to one user (picked by username), everyone with a role, or
// everyone (those two after a confirmation).
import {
  type AdminNotificationCreate,
  type AdminUserSummary,
  type NotificationType,
  ROLES,
  type Role,
} from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { Field, Select } from '../../../components/ui/field.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { pluralize } from '../../../lib/format.ts';
import { newRequestKey } from '../../../lib/request-key.ts';
import { findUserByUsername } from '../../users/api/search-users.ts';
import { UserPicker } from '../../users/components/user-picker.tsx';
import { useSendAdminNotification } from '../api/send-admin-notification.ts';
import { isNotificationType, TypeOptions } from './type-options.tsx';

type Audience = 'user' | 'role' | 'everyone';
type Recipients = Pick<AdminNotificationCreate, 'user_ids' | 'role' | 'everyone'>;

const ROLE_LABELS: Record<Role, string> = { student: 'Students', host: 'Hosts', admin: 'Admins' };

export function SendNotificationForm() {
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
          toast.success(
            result.replayed
              ? 'Already sent: your first attempt had gone through'
              : `Sent to ${pluralize(result.created, 'user')}`,
          );
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
      setUnknownUser(`no user is named “${username.trim()}”`);
      return;
    }
    deliver({ user_ids: [user.id] });
  };

  const audienceName = audience === 'everyone' ? 'every user' : `every user with the role ${role}`;

  return (
    <Section
      title="Send notification"
      description="Muted types are not delivered, except System Notification."
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {send.isError ? <ErrorMessage error={send.error} /> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Recipients">
            <Select value={audience} onChange={(event) => setAudience(event.target.value as Audience)}>
              <option value="user">One user</option>
              <option value="role">A role</option>
              <option value="everyone">Everyone</option>
            </Select>
          </Field>
          {audience === 'user' ? (
            <UserPicker
              label="Username"
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
            <Field label="Role">
              <Select
                value={role}
                onChange={(event) =>
                  setRole(ROLES.find((value) => value === event.target.value) ?? 'student')
                }
              >
                {ROLES.map((value) => (
                  <option key={value} value={value}>
                    {ROLE_LABELS[value]}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field label="Type">
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
          Send
        </Button>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={
            audience === 'everyone' ? 'Send to everyone?' : `Send to all ${ROLE_LABELS[role].toLowerCase()}?`
          }
          confirmLabel="Send"
          tone="primary"
          busy={send.isPending}
          error={null}
          onCancel={() => setConfirming(false)}
          onConfirm={() => deliver(audience === 'everyone' ? { everyone: true } : { role })}
        >
          “<span className="wrap-anywhere">{title.trim()}</span>” will be sent to {audienceName} at once.
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
