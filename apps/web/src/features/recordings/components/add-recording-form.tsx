import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useAddRecording } from '../api/add-recording.ts';

interface AddRecordingFormProps {
  webinars: Array<{ id: number; title: string }>;
  onAdded: (notified: number) => void;
}

export function AddRecordingForm({ webinars, onAdded }: AddRecordingFormProps) {
  const { t } = useTranslation(['recordings', 'common']);
  const add = useAddRecording();
  const [webinarId, setWebinarId] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const fields = add.error instanceof ApiError ? add.error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { webinarId: Number(webinarId), input: { title: title.trim(), url: url.trim() } },
      {
        onSuccess: ({ notified }) => {
          setTitle('');
          setUrl('');
          onAdded(notified);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-700">{t('add.heading')}</h3>
      {add.isError ? <ErrorMessage error={add.error} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t('add.webinar')}>
          <Select required value={webinarId} onChange={(event) => setWebinarId(event.target.value)}>
            <option value="" disabled>
              {t('add.chooseWebinar')}
            </option>
            {webinars.map((webinar) => (
              <option key={webinar.id} value={webinar.id}>
                {webinar.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('common:fields.title')} error={fields.title}>
          <TextInput
            required
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </Field>
        <Field label={t('add.url')} error={fields.url}>
          <TextInput
            type="url"
            required
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
      </div>
      <Button type="submit" busy={add.isPending} disabled={!webinarId}>
        {t('add.submit')}
      </Button>
    </form>
  );
}
