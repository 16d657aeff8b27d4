// POST /api/live-sessions/<webinar id>/start/ (the webinar's host or an admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LiveSessionAction } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type LiveSessionResult = Static<typeof LiveSessionAction>;

export function startLiveSession(webinarId: number): Promise<LiveSessionResult> {
  return api.post<LiveSessionResult>(`/api/live-sessions/${webinarId}/start/`);
}

export function useStartLiveSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startLiveSession,
    // The webinar's status changes; a refusal (409 "This webinar is not live.") means the row shown
    // was stale: either way the webinars are fetched again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.webinars }),
  });
}
