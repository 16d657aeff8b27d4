import { CheckCircle2 } from 'lucide-react';

/** The outcome of an action ("3 users notified"), announced to screen readers. */
export function Notice({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <p className="mb-4 flex items-center gap-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          <CheckCircle2 aria-hidden className="size-4 shrink-0" />
          {message}
        </p>
      ) : null}
    </div>
  );
}
