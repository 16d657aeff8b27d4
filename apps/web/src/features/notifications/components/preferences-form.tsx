// Which notification types the user receives. System notifications cannot be muted.
import {
  NOTIFICATION_TYPE_LABELS,
  NOTIFICATION_TYPES,
  type NotificationType,
  type Preferences,
  UNMUTABLE_TYPES,
} from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Checkbox } from '../../../components/ui/field.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { usePreferences } from '../api/get-preferences.ts';
import { useUpdatePreferences } from '../api/update-preferences.ts';

export function PreferencesForm() {
  const preferences = usePreferences();
  const update = useUpdatePreferences();
  // Unsaved changes; null shows what the server has.
  const [draft, setDraft] = useState<Preferences | null>(null);
  const values = draft ?? preferences.data;

  const toggle = (type: NotificationType, receive: boolean) => {
    if (!values) return;
    update.reset();
    setDraft({ ...values, [type]: receive });
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const { system: _alwaysOn, ...mutable } = draft;
    update.mutate(mutable, { onSuccess: () => setDraft(null) });
  };

  return (
    <Section title="Preferences" description="Choose which notifications you receive.">
      {preferences.isPending ? (
        <LoadingState />
      ) : preferences.isError || !values ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <form onSubmit={save} className="space-y-4">
          <Notice message={update.isSuccess ? 'Preferences saved' : null} />
          {update.isError ? <ErrorMessage error={update.error} /> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {NOTIFICATION_TYPES.map((type) => {
              const locked = UNMUTABLE_TYPES.includes(type);
              return (
                <Checkbox
                  key={type}
                  label={NOTIFICATION_TYPE_LABELS[type]}
                  checked={locked || values[type]}
                  disabled={locked}
                  onChange={(event) => toggle(type, event.target.checked)}
                  {...(locked ? { hint: 'Always on: important account messages.' } : {})}
                />
              );
            })}
          </div>
          <Button type="submit" disabled={!draft} busy={update.isPending}>
            Save preferences
          </Button>
        </form>
      )}
    </Section>
  );
}
