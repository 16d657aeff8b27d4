// The few seconds an undo toast lasts, for one thing at a time: offering another one ends the window
// of the one before, as running out, Undo and leaving the screen do; `onEnd` hears how each ended.
import { useCallback, useEffect, useRef, useState } from 'react';

export const UNDO_MS = 5000;

export function useUndoWindow<T>(onEnd: (value: T, undone: boolean) => void) {
  const [pending, setPending] = useState<T | null>(null);
  const pendingRef = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onEndRef = useRef(onEnd);
  useEffect(() => {
    onEndRef.current = onEnd;
  });

  /** Ends the window without telling `onEnd`; with `only`, only if it is that one's. */
  const withdraw = useCallback((only?: T): T | null => {
    const value = pendingRef.current;
    if (value === null || (only !== undefined && value !== only)) return null;
    clearTimeout(timer.current);
    pendingRef.current = null;
    setPending(null);
    return value;
  }, []);

  const end = useCallback(
    (undone: boolean) => {
      const value = withdraw();
      if (value !== null) onEndRef.current(value, undone);
    },
    [withdraw],
  );

  const offer = (value: T) => {
    end(false);
    pendingRef.current = value;
    setPending(value);
    timer.current = setTimeout(() => end(false), UNDO_MS);
  };

  useEffect(() => () => end(false), [end]);

  return { pending, offer, undo: () => end(true), withdraw };
}
