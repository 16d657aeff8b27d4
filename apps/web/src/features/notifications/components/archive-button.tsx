// The bell's Archive, an icon beside a notification or a folded group. With a mouse it shows while
// its line is hovered or holds the focus, so the list stays quiet; on a touch screen, which has no
// hover, it always shows. Hidden or not, it is in the tab order and named.
import { Archive } from 'lucide-react';
import type { MouseEvent } from 'react';
import { cn } from '../../../lib/cn.ts';

// Whole class names, so Tailwind finds them: each line names its own group, as a group's items
// sit inside it and hovering one of them must not reveal the group's button.
const REVEAL = {
  item: 'pointer-fine:opacity-0 pointer-fine:group-hover/item:opacity-100 pointer-fine:group-focus-within/item:opacity-100',
  fold: 'pointer-fine:opacity-0 pointer-fine:group-hover/fold:opacity-100 pointer-fine:group-focus-within/fold:opacity-100',
} as const;

interface ArchiveButtonProps {
  /** Its accessible name and tooltip: "Archive", "Archive: 3 new recordings". */
  label: string;
  /** The line whose hover and focus reveal it: `group/item` or `group/fold` on that element. */
  line: keyof typeof REVEAL;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  className?: string;
}

export function ArchiveButton({ label, line, onClick, className }: ArchiveButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className={cn(
        'inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-600 transition',
        'hover:bg-slate-900/5 hover:text-slate-900 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600',
        REVEAL[line],
        className,
      )}
    >
      <Archive aria-hidden className="size-4" />
    </button>
  );
}
