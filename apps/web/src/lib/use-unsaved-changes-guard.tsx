// Typed but not saved: leaving the page asks first (a link inside the app) or lets the browser ask
// (reload, closing the tab), instead of dropping the text silently.
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../components/ui/confirm-dialog.tsx';

/** Returns the question to render while a navigation waits for the user's answer. */
export function useUnsavedChangesGuard(dirty: boolean, what: string) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave"
      busy={false}
      error={null}
      onConfirm={() => blocker.proceed()}
      onCancel={() => blocker.reset()}
    >
      {what} is not saved yet. Leave this page and drop it?
    </ConfirmDialog>
  );
}
