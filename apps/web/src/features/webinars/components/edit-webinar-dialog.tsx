import type { Webinar } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { fromDateTimeLocal } from '../../../lib/format.ts';
import { useUpdateWebinar } from '../api/update-webinar.ts';
import { WebinarForm, webinarFormValues } from './webinar-form.tsx';

interface EditWebinarDialogProps {
  webinar: Webinar;
  onClose: () => void;
  onSaved: (title: string) => void;
}

export function EditWebinarDialog({ webinar, onClose, onSaved }: EditWebinarDialogProps) {
  const { t } = useTranslation(['webinars', 'common']);
  const update = useUpdateWebinar();
  const initial = webinarFormValues(webinar);
  return (
    <Dialog title={t('edit.title')} onClose={onClose}>
      <WebinarForm
        initial={initial}
        submitLabel={t('common:save')}
        busy={update.isPending}
        error={update.error}
        onCancel={onClose}
        onSubmit={({ starts_at, ...details }) => {
          // The field shows the start to the minute: sent back untouched it would move the start by
          // the seconds it dropped, and a start that has passed cannot be moved.
          const moved = starts_at !== fromDateTimeLocal(initial.startsAt);
          update.mutate(
            { id: webinar.id, input: moved ? { ...details, starts_at } : details },
            { onSuccess: (saved) => onSaved(saved.title) },
          );
        }}
      />
    </Dialog>
  );
}
