// The bell in the navbar: the unread badge, and a panel with the latest notifications. The panel is
// a non-modal dialog: Escape closes it and gives focus back to the bell; so does a click outside or
// tabbing past its end. What is archived from it can be undone from a toast, which outlives the
// panel and counts as part of it: Undo leaves the panel open, where the notification comes back.
import { Bell } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn.ts';
import { useUnreadCount } from '../api/get-unread-count.ts';
import { NotificationPanel } from './notification-panel.tsx';
import { UndoToast } from './undo-toast.tsx';
import { useUndoableArchive } from './use-undoable-archive.ts';

function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}

export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const toastRef = useRef<HTMLDivElement>(null);
  const count = useUnreadCount().data?.unread_count ?? 0;
  const archiving = useUndoableArchive();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!open || !container) return;
    const inside = (node: Node) => container.contains(node) || !!toastRef.current?.contains(node);
    const onPointerDown = (event: PointerEvent) => {
      if (!inside(event.target as Node)) close(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    // Focus moving to something outside (Tab past the last item) closes the panel. A click on plain
    // text inside moves focus to nothing (relatedTarget null) and must not close it.
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !inside(event.relatedTarget)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    container.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      container.removeEventListener('focusout', onFocusOut);
    };
  }, [open, close]);

  const label = count === 0 ? t('bell.noUnread') : t('bell.unread', { count });
  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          'relative inline-flex size-10 items-center justify-center rounded-full text-slate-600 transition-colors',
          'hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
          open && 'bg-slate-100 text-slate-900',
        )}
      >
        {/* The name is this text, not an aria-label: a label reading "10" beside a visible "9+"
            does not match what a speech-input user sees and says. */}
        <span className="sr-only">{label}</span>
        <Bell aria-hidden className="size-5" />
        {count > 0 ? (
          <span
            data-testid="unread-badge"
            aria-hidden
            className="absolute -top-0.5 -right-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white ring-2 ring-white"
          >
            {badgeText(count)}
          </span>
        ) : null}
      </button>
      {open ? (
        <NotificationPanel id={panelId} unreadCount={count} onClose={close} onArchive={archiving.archive} />
      ) : null}
      {archiving.pending ? (
        <UndoToast
          ref={toastRef}
          message={t('undo.archived', { count: archiving.pending.length })}
          onUndo={archiving.undo}
        />
      ) : null}
    </div>
  );
}
