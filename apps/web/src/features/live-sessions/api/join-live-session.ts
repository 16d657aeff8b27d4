// POST /api/live-sessions/<webinar id>/join/ (approved registrants, the host, admins)

import { useMutation } from '@tanstack/react-query';
import type { LiveSessionJoin } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';

export function joinLiveSession(webinarId: number): Promise<Static<typeof LiveSessionJoin>> {
  return api.post<Static<typeof LiveSessionJoin>>(`/api/live-sessions/${webinarId}/join/`);
}

export function useJoinLiveSession() {
  return useMutation({ mutationFn: joinLiveSession });
}
