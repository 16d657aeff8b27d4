// After moving to another page inside the app, focus goes to the new page's main heading, as a
// page load would put a screen reader at the top; otherwise it stays on <body> (or on a link that
// is gone). The heading may render a moment later (after its data), so it is awaited briefly.
import { type RefObject, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

const WAIT_MS = 5000;

export function useFocusHeadingOnNavigate(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for each new page (pathname)
  useEffect(() => {
    // The first page of a visit keeps the browser's own start (the skip link comes first).
    if (first.current) {
      first.current = false;
      return;
    }
    const container = main.current;
    if (!container) return;
    const focusHeading = (): boolean => {
      const heading = container.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(container, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname, main]);
}
