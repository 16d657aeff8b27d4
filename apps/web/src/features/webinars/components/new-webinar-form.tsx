import type { WebinarCreate } from '@webinar/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findUserByUsername } from '../../../components/users/search-users.ts';
import { UserPicker } from '../../../components/users/user-picker.tsx';
import { useCreateWebinar } from '../api/create-webinar.ts';
import { WebinarForm, webinarFormValues } from './webinar-form.tsx';

interface NewWebinarFormProps {
  onCreated: (title: string) => void;
  onCancel: () => void;
  /** Admins may create a webinar for a host (the API's host_id); by default they host it. */
  chooseHost: boolean;
}

export function NewWebinarForm({ onCreated, onCancel, chooseHost }: NewWebinarFormProps) {
  const { t } = useTranslation('webinars');
  const create = useCreateWebinar();
  const [host, setHost] = useState('');
  const [hostId, setHostId] = useState<number | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);

  const submit = async (input: WebinarCreate) => {
    let host_id: number | undefined;
    if (chooseHost && host.trim()) {
      host_id = hostId ?? (await findUserByUsername(host, 'host'))?.id;
      if (host_id === undefined) {
        setHostError(t('create.unknownHost', { name: host.trim() }));
        return;
      }
    }
    create.mutate(host_id === undefined ? input : { ...input, host_id }, {
      onSuccess: (webinar) => onCreated(webinar.title),
    });
  };

  return (
    <div className="mb-6 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
      <h3 className="mb-3 text-sm font-semibold text-slate-700">{t('create.heading')}</h3>
      <WebinarForm
        wide
        initial={webinarFormValues()}
        submitLabel={t('create.submit')}
        busy={create.isPending}
        error={create.error}
        onCancel={onCancel}
        onSubmit={(input) => void submit(input)}
        extraFields={
          chooseHost ? (
            <UserPicker
              label={t('create.host')}
              ofRole="host"
              placeholder={t('create.hostPlaceholder')}
              className="lg:col-span-2"
              value={host}
              error={hostError ?? undefined}
              onChange={(text, user) => {
                setHost(text);
                setHostId(user?.id ?? null);
                setHostError(null);
              }}
            />
          ) : null
        }
      />
    </div>
  );
}
