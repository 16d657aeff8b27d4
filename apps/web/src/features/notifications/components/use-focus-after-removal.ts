// A line of a list that leaves while it holds the focus (archived from its own button) would drop
// the focus on the page's body, where the arrow keys and Tab start over. The focus goes on to the
// item after it instead, or the one before it, or the list's container.
import { type RefObject, useEffect, useRef } from 'react';

interface Leaving {
  line: Element;
  next: HTMLElement | null;
}

/** `items`: the selector of the list's items the focus may move to. */
export function useFocusAfterRemoval(container: RefObject<HTMLElement | null>, items: string) {
  const leaving = useRef<Leaving | null>(null);

  // After every render: the line leaves in whichever one removes it (an optimistic cache edit).
  useEffect(() => {
    const current = leaving.current;
    if (!current || current.line.isConnected) return;
    leaving.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    (current.next?.isConnected ? current.next : container.current)?.focus();
  });

  /** Called as `line` (the element around everything that leaves) is about to be removed. */
  return (line: Element | null) => {
    if (!line?.contains(document.activeElement)) return;
    const others = [...(container.current?.querySelectorAll<HTMLElement>(items) ?? [])].filter(
      (item) => !line.contains(item),
    );
    const after = others.find(
      (item) => (line.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    );
    leaving.current = { line, next: after ?? others.at(-1) ?? null };
  };
}
