// The notifications list while it loads: rows built like NotificationRow (same paddings, line
// heights and buttons), so the real rows take their place without moving anything.
const ROWS = 6;

export function NotificationListSkeleton() {
  return (
    <ul aria-hidden className="divide-y divide-slate-100 border-t border-slate-100">
      {Array.from({ length: ROWS }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders, never reordered
        <li key={index} className="flex gap-3 px-4 py-4 sm:px-6">
          <span className="mt-1.5 size-2 shrink-0" />
          <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex h-5 items-center">
                <div className="h-3.5 w-2/5 motion-safe:animate-pulse rounded bg-slate-200" />
              </div>
              <div className="flex h-5 items-center">
                <div className="h-3.5 w-4/5 motion-safe:animate-pulse rounded bg-slate-100" />
              </div>
              <div className="flex h-4 items-center">
                <div className="h-3 w-32 motion-safe:animate-pulse rounded bg-slate-100" />
              </div>
            </div>
            <div className="flex shrink-0 gap-2">
              <div className="h-8 w-28 motion-safe:animate-pulse rounded-md bg-slate-100" />
              <div className="h-8 w-20" />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
