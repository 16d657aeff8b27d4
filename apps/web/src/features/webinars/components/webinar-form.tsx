// The fields of a webinar, for creating one and for editing it.
import type { WebinarCreate } from '@webinar/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { DialogActions } from '../../../components/ui/dialog.tsx';
import { Field, TextArea, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format.ts';
import { i18n } from '../../../lib/i18n.ts';

export interface WebinarFormValues {
  title: string;
  description: string;
  startsAt: string;
  duration: string;
}

export function webinarFormValues(webinar?: {
  title: string;
  description: string;
  starts_at: string;
  duration_minutes: number;
}): WebinarFormValues {
  if (!webinar) return { title: '', description: '', startsAt: '', duration: '60' };
  return {
    title: webinar.title,
    description: webinar.description,
    startsAt: toDateTimeLocal(webinar.starts_at),
    duration: String(webinar.duration_minutes),
  };
}

/** As the API allows: a new start may be this far behind now, for a clock that runs late. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A start the API would refuse as past, or null. Only a changed start is checked: an ended
 * webinar's other details stay editable. */
export function pastStartError(startsAt: string, initialStartsAt: string, now = Date.now()): string | null {
  if (!startsAt || startsAt === initialStartsAt) return null;
  return new Date(startsAt).getTime() < now - CLOCK_SKEW_MS ? i18n.t('webinars:form.pastStart') : null;
}

interface WebinarFormProps {
  initial: WebinarFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: WebinarCreate) => void;
  onCancel?: () => void;
  /** Lay the fields out in a row (the dashboard), or stacked (a dialog). */
  wide?: boolean;
  /** More fields of the screen's own (the host, for admins), after the start and duration. */
  extraFields?: ReactNode;
}

export function WebinarForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  wide,
  extraFields,
}: WebinarFormProps) {
  const { t } = useTranslation(['webinars', 'common']);
  const [values, setValues] = useState(initial);
  const [startError, setStartError] = useState<string | null>(null);
  const fields = error instanceof ApiError ? error.fields : {};
  const set = (key: keyof WebinarFormValues) => (event: { target: { value: string } }) =>
    setValues({ ...values, [key]: event.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const past = pastStartError(values.startsAt, initial.startsAt);
    setStartError(past);
    if (past) return;
    onSubmit({
      title: values.title.trim(),
      description: values.description,
      starts_at: values.startsAt ? fromDateTimeLocal(values.startsAt) : '',
      duration_minutes: Number(values.duration),
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      {error ? <ErrorMessage error={error} /> : null}
      <div className={wide ? 'grid gap-4 sm:grid-cols-2 lg:grid-cols-4' : 'space-y-4'}>
        <Field
          label={t('common:fields.title')}
          error={fields.title}
          className={wide ? 'lg:col-span-2' : undefined}
        >
          <TextInput required maxLength={200} value={values.title} onChange={set('title')} />
        </Field>
        <Field label={t('form.startsAt')} error={startError ?? fields.starts_at}>
          <TextInput
            type="datetime-local"
            required
            value={values.startsAt}
            onChange={(event) => {
              setStartError(null);
              set('startsAt')(event);
            }}
          />
        </Field>
        <Field label={t('form.duration')} error={fields.duration_minutes}>
          <TextInput
            type="number"
            min={1}
            max={1440}
            required
            value={values.duration}
            onChange={set('duration')}
          />
        </Field>
        {extraFields}
        <Field
          label={t('form.description')}
          error={fields.description}
          className={wide ? 'sm:col-span-2 lg:col-span-4' : undefined}
        >
          <TextArea maxLength={5000} rows={2} value={values.description} onChange={set('description')} />
        </Field>
      </div>
      {onCancel ? (
        <DialogActions onCancel={onCancel}>
          <Button type="submit" busy={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      ) : (
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      )}
    </form>
  );
}
