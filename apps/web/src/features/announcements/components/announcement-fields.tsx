import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { DialogActions } from '../../../components/ui/dialog.tsx';
import { Field, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fromDateTimeLocal } from '../../../lib/format.ts';
import { browserTimeZone, sendAtError } from '../lib/send-at.ts';

export interface AnnouncementValues {
  title: string;
  content: string;
  /** An ISO instant: schedule it for then; absent: send it now. */
  send_at?: string;
}

interface AnnouncementFieldsProps {
  /** `sendAt` is a datetime-local value; with one, the form starts on "Schedule for later". */
  initial: { title: string; content: string; sendAt?: string };
  submitLabel: string | ((scheduled: boolean) => string);
  busy: boolean;
  error: unknown;
  onSubmit: (values: AnnouncementValues) => void;
  /**
   * `choose`: "Send now" or "Schedule for later" (a new announcement); `scheduled`: only its time
   * (editing one that waits); none: title and content only.
   */
  timing?: 'choose' | 'scheduled';
  /** In a dialog: Cancel beside the action, as every dialog has. */
  onCancel?: () => void;
}

/** Title, content and when to send an announcement, for publishing one and for editing it. */
export function AnnouncementFields({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  timing,
  onCancel,
}: AnnouncementFieldsProps) {
  const { t } = useTranslation('announcements');
  const [title, setTitle] = useState(initial.title);
  const [content, setContent] = useState(initial.content);
  const [later, setLater] = useState(timing === 'scheduled' || Boolean(initial.sendAt));
  const [sendAt, setSendAt] = useState(initial.sendAt ?? '');
  const [timeError, setTimeError] = useState<string | null>(null);
  const fields = error instanceof ApiError ? error.fields : {};
  const radioName = useId();
  const scheduling = timing !== undefined && later;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An unchanged time (a missed one's, in the past) is not sent back as a new schedule.
    const timeChanged = scheduling && sendAt !== initial.sendAt;
    const problem = timeChanged ? sendAtError(sendAt) : null;
    setTimeError(problem);
    if (problem) return;
    onSubmit({
      title: title.trim(),
      content: content.trim(),
      ...(timeChanged ? { send_at: fromDateTimeLocal(sendAt) } : {}),
    });
  };
  const label = typeof submitLabel === 'function' ? submitLabel(scheduling) : submitLabel;

  return (
    <form onSubmit={submit} className="space-y-4">
      {error ? <ErrorMessage error={error} /> : null}
      <TitleContentFields
        title={title}
        content={content}
        onTitleChange={setTitle}
        onContentChange={setContent}
        errors={fields}
      />
      {timing === 'choose' ? (
        <fieldset className="text-sm">
          <legend className="mb-1 font-medium text-slate-700">{t('when.legend')}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {[
              { label: t('when.now'), value: false },
              { label: t('when.later'), value: true },
            ].map((option) => (
              <label key={option.label} className="inline-flex items-center gap-2 text-slate-700">
                <input
                  type="radio"
                  name={radioName}
                  checked={later === option.value}
                  onChange={() => {
                    setLater(option.value);
                    setTimeError(null);
                  }}
                  className="size-4 accent-indigo-600"
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {scheduling ? (
        <div>
          <Field label={t('sendAt.label')} error={timeError ?? fields.send_at}>
            <TextInput
              type="datetime-local"
              required
              value={sendAt}
              onChange={(event) => {
                setTimeError(null);
                setSendAt(event.target.value);
              }}
            />
          </Field>
          <p className="mt-1 text-xs text-slate-500">{t('sendAt.timeZone', { zone: browserTimeZone() })}</p>
        </div>
      ) : null}
      {onCancel ? (
        <DialogActions onCancel={onCancel}>
          <Button type="submit" busy={busy}>
            {label}
          </Button>
        </DialogActions>
      ) : (
        <Button type="submit" busy={busy}>
          {label}
        </Button>
      )}
    </form>
  );
}
