import type { Webinar } from '@webinar/contracts';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { useUpdateWebinar } from '../api/update-webinar.ts';
import { WebinarForm, webinarFormValues } from './webinar-form.tsx';

interface EditWebinarDialogProps {
  webinar: Webinar;
  onClose: () => void;
  onSaved: (title: string) => void;
}

export function EditWebinarDialog({ webinar, onClose, onSaved }: EditWebinarDialogProps) {
  const update = useUpdateWebinar();
  return (
    <Dialog title="Edit webinar" onClose={onClose}>
      <WebinarForm
        initial={webinarFormValues(webinar)}
        submitLabel="Save"
        busy={update.isPending}
        error={update.error}
        onCancel={onClose}
        onSubmit={(input) =>
          update.mutate({ id: webinar.id, input }, { onSuccess: (saved) => onSaved(saved.title) })
        }
      />
    </Dialog>
  );
}
