import type { Ref } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';

interface UndoToastProps {
  /** What was done: "Notification deleted". */
  message: string;
  onUndo: () => void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * "Notification deleted · Undo", pinned to the bottom of the screen while the undo window lasts. In
 * the body, not where it is rendered: the navbar's backdrop blur would pin it to the navbar instead.
 */
export function UndoToast({ message, onUndo, ref }: UndoToastProps) {
  const { t } = useTranslation('notifications');
  return createPortal(
    <div
      ref={ref}
      role="status"
      className="fixed inset-x-4 bottom-4 z-50 mx-auto flex max-w-sm items-center justify-between gap-4 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
    >
      <span>{message}</span>
      <Button
        variant="ghost"
        size="sm"
        onClick={onUndo}
        className="text-indigo-300 hover:bg-slate-800 hover:text-indigo-200"
      >
        {t('undo.undo')}
      </Button>
    </div>,
    document.body,
  );
}
