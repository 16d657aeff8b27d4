import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Field, TextArea, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { ApiError } from '../../../lib/api-client.ts';

interface AnnouncementFieldsProps {
  initial: { title: string; content: string };
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: { title: string; content: string }) => void;
}

/** Title and content of an announcement, for publishing one and for editing it. */
export function AnnouncementFields({ initial, submitLabel, busy, error, onSubmit }: AnnouncementFieldsProps) {
  const [title, setTitle] = useState(initial.title);
  const [content, setContent] = useState(initial.content);
  const fields = error instanceof ApiError ? error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ title: title.trim(), content: content.trim() });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      {error ? <ErrorMessage error={error} /> : null}
      <Field label="Title" error={fields.title}>
        <TextInput
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </Field>
      <Field label="Content" error={fields.content}>
        <TextArea
          required
          maxLength={10000}
          rows={3}
          value={content}
          onChange={(event) => setContent(event.target.value)}
        />
      </Field>
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
