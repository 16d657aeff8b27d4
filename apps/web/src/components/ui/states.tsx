// Loading, error and empty states, the same on every screen.

import type { UseQueryResult } from '@tanstack/react-query';
import { AlertTriangle, Inbox, Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client.ts';
import { Button } from './button.tsx';

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-slate-500">
      <Loader2 aria-hidden className="size-4 motion-safe:animate-spin" />
      {label ?? t('loading')}
    </span>
  );
}

export function LoadingState({ label }: { label?: string }) {
  return (
    <div className="flex justify-center py-8">
      <Spinner {...(label ? { label } : {})} />
    </div>
  );
}

/** The API's own message, and the field it is about when it names one. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('errors.generic');
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div role="alert" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p>{message}</p>
        {fields.length > 0 ? (
          <ul className="mt-1 list-inside list-disc text-xs">
            {fields.map(([field, problem]) => (
              <li key={field}>
                {field.replaceAll('_', ' ')} {problem}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3 py-4">
      <ErrorMessage error={error} />
      {onRetry ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {t('tryAgain')}
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 py-8 text-center text-sm text-slate-500">
      <Inbox aria-hidden className="size-6 text-slate-300" />
      <p>{children}</p>
    </div>
  );
}

/**
 * A list query as every screen shows it: loading, its error with a retry, the empty message, or
 * the rows.
 */
export function QueryResults<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<{ results: T[] }>;
  empty: ReactNode;
  children: (results: T[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.results.length === 0) return <EmptyState>{empty}</EmptyState>;
  return children(query.data.results);
}
