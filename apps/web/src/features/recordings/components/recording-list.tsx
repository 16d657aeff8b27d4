import type { Recording } from '@webinar/contracts';
import { ExternalLink, PlayCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';

/** Recordings, each opening its video in a new tab; `showWebinar` names the webinar too. */
export function RecordingList({
  recordings,
  showWebinar,
}: {
  recordings: Recording[];
  showWebinar: boolean;
}) {
  const { t } = useTranslation('recordings');
  return (
    <ul className="divide-y divide-slate-100">
      {recordings.map((recording) => (
        <li key={recording.id} className="flex items-start gap-3 py-3 first:pt-0 last:pb-0">
          <PlayCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-indigo-500" />
          <div className="min-w-0 flex-1">
            <a
              href={recording.url}
              target="_blank"
              rel="noopener noreferrer"
              className="inline rounded text-sm font-medium wrap-anywhere text-indigo-600 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {recording.title}
              <ExternalLink aria-hidden className="ml-1 inline size-3.5 align-[-2px]" />
            </a>
            <p className="text-xs wrap-anywhere text-slate-600">
              {showWebinar ? (
                <>
                  <Link
                    to={`/webinars/${recording.webinar.id}`}
                    className="rounded hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {recording.webinar.title}
                  </Link>
                  {' · '}
                </>
              ) : null}
              {t('addedAt', { time: formatDateTime(recording.created_at) })}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
