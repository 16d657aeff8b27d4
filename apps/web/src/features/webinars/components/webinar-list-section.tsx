import type { Webinar, WebinarListQuery } from '@webinar/contracts';
import type { ReactNode } from 'react';
import { Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useWebinars } from '../api/get-webinars.ts';
import { WebinarRow } from './webinar-row.tsx';

interface WebinarListSectionProps {
  title: string;
  query: WebinarListQuery;
  empty: string;
  /** The buttons for one webinar, decided by the screen. */
  actions?: (webinar: Webinar) => ReactNode;
  /** Shown above the list (the outcome of the last action). */
  children?: ReactNode;
}

export function WebinarListSection({ title, query, empty, actions, children }: WebinarListSectionProps) {
  const webinars = useWebinars(query);
  return (
    <Section title={title}>
      {children}
      {webinars.isPending ? (
        <LoadingState />
      ) : webinars.isError ? (
        <ErrorState error={webinars.error} onRetry={() => void webinars.refetch()} />
      ) : webinars.data.results.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {webinars.data.results.map((webinar) => (
            <WebinarRow key={webinar.id} webinar={webinar} actions={actions?.(webinar)} />
          ))}
        </ul>
      )}
    </Section>
  );
}
