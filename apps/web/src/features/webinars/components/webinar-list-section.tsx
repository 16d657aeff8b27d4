import type { Webinar, WebinarListQuery } from '@webinar/contracts';
import type { ReactNode } from 'react';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useWebinars } from '../api/get-webinars.ts';
import { WebinarRow } from './webinar-row.tsx';

interface WebinarListSectionProps {
  title: string;
  query: WebinarListQuery;
  empty: string;
  /** The buttons for one webinar, decided by the screen. */
  actions?: (webinar: Webinar) => ReactNode;
  /** The screen's own order, when the API's (by start) is not the one it wants. */
  sort?: (webinars: Webinar[]) => Webinar[];
  /** Shown above the list. */
  children?: ReactNode;
}

export function WebinarListSection({
  title,
  query,
  empty,
  actions,
  sort,
  children,
}: WebinarListSectionProps) {
  const webinars = useWebinars(query);
  return (
    <Section title={title}>
      {children}
      <QueryResults query={webinars} empty={empty}>
        {(results) => (
          <ul className="divide-y divide-slate-100">
            {(sort ? sort(results) : results).map((webinar) => (
              <WebinarRow key={webinar.id} webinar={webinar} actions={actions?.(webinar)} />
            ))}
          </ul>
        )}
      </QueryResults>
    </Section>
  );
}
