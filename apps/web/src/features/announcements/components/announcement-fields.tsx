import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { DialogActions } from '../../../components/ui/dialog.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { TitleContentFields } from '../../../components/ui/title-content-fields.tsx';
import { ApiError } from '../../../lib/api-client.ts';

interface AnnouncementFieldsProps {
  initial: { title: string; content: string };
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: { title: string; content: string }) => void;
  /** In a dialog: Cancel beside the action, as every dialog has. */
  onCancel?: () => void;
}

/** Title and content of an announcement, for publishing one and for editing it. */
export function AnnouncementFields({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: AnnouncementFieldsProps) {
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
      <TitleContentFields
        title={title}
        content={content}
        onTitleChange={setTitle}
        onContentChange={setContent}
        errors={fields}
      />
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
