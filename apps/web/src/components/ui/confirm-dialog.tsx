import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { Dialog, DialogActions } from './dialog.tsx';
import { ErrorMessage } from './states.tsx';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  /** Danger for what cannot be undone; primary for what reaches many users (start, send, publish). */
  tone?: 'danger' | 'primary';
}

/** "Are you sure?" before a destructive or far-reaching action, with the API's answer if it fails. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
  tone = 'danger',
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="text-sm text-slate-600">{children}</div>
      {error ? (
        <div className="mt-4">
          <ErrorMessage error={error} />
        </div>
      ) : null}
      <DialogActions onCancel={onCancel}>
        <Button variant={tone} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
