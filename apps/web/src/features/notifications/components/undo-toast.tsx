import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';

/** "Notification deleted · Undo", pinned to the bottom of the screen while the undo window lasts. */
export function UndoToast({ onUndo }: { onUndo: () => void }) {
  const { t } = useTranslation('notifications');
  return (
    <div
      role="status"
      className="fixed inset-x-4 bottom-4 z-50 mx-auto flex max-w-sm items-center justify-between gap-4 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
    >
      <span>{t('undo.deleted')}</span>
      <Button
        variant="ghost"
        size="sm"
        onClick={onUndo}
        className="text-indigo-300 hover:bg-slate-800 hover:text-indigo-200"
      >
        {t('undo.undo')}
      </Button>
    </div>
  );
}
