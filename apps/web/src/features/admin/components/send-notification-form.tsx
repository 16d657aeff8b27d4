// Send a notification by hand: to one user, everyone with a role, or everyone.
import { type AdminNotificationCreate, type NotificationType, ROLES, type Role } from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { pluralize } from '../../../lib/format.ts';
import { newRequestKey } from '../../../lib/request-key.ts';
import { useSendAdminNotification } from '../api/send-admin-notification.ts';
import { isNotificationType, TypeOptions } from './type-options.tsx';

type Audience = 'user' | 'role' | 'everyone';

const ROLE_LABELS: Record<Role, string> = { student: 'Students', host: 'Hosts', admin: 'Admins' };

export function SendNotificationForm() {
  const send = useSendAdminNotification();
  const [audience, setAudience] = useState<Audience>('user');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('student');
  const [type, setType] = useState<NotificationType>('system');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [sent, setSent] = useState<{ created: number; replayed: boolean } | null>(null);
  // One per message being written: sending it again after an error cannot send it twice.
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const fields = send.error instanceof ApiError ? send.error.fields : {};

  const recipients = (): Pick<AdminNotificationCreate, 'user_ids' | 'role' | 'everyone'> => {
    if (audience === 'user') return { user_ids: [Number(userId)] };
    if (audience === 'role') return { role };
    return { everyone: true };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    send.mutate(
      {
        input: { ...recipients(), notification_type: type, title: title.trim(), content: content.trim() },
        requestKey,
      },
      {
        onSuccess: (result) => {
          setSent(result);
          setTitle('');
          setContent('');
          setRequestKey(newRequestKey());
        },
      },
    );
  };

  return (
    <Section
      title="Send notification"
      description="Muted types are not delivered, except System Notification."
    >
      <Notice
        message={
          sent === null
            ? null
            : sent.replayed
              ? 'Already sent: your first attempt had gone through'
              : `Sent to ${pluralize(sent.created, 'user')}`
        }
      />
      <form onSubmit={submit} className="space-y-4">
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
            <Field label="User ID" error={fields.user_ids ?? fields['user_ids.0']}>
              <TextInput
                type="number"
                min={1}
                inputMode="numeric"
                required
                value={userId}
                onChange={(event) => setUserId(event.target.value)}
              />
            </Field>
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
    </Section>
  );
}
