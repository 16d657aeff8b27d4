import { useState } from 'react';
import { useCreateWebinar } from '../api/create-webinar.ts';
import { WebinarForm, webinarFormValues } from './webinar-form.tsx';

export function NewWebinarForm({ onCreated }: { onCreated: (title: string) => void }) {
  const create = useCreateWebinar();
  // A new key empties the form once the webinar exists.
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="mb-6 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
      <h3 className="mb-3 text-sm font-semibold text-slate-700">New webinar</h3>
      <WebinarForm
        key={formKey}
        wide
        initial={webinarFormValues()}
        submitLabel="Create webinar"
        busy={create.isPending}
        error={create.error}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (webinar) => {
              setFormKey((key) => key + 1);
              onCreated(webinar.title);
            },
          })
        }
      />
    </div>
  );
}
