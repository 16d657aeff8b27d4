// The signed-in user's matrix of notification types by channels: /api/notifications/channel-preferences/
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChannelPreferences, ChannelPreferencesUpdate, ErrorBody } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import { getChannelPreferences, updateChannelPreferences } from './channel-preferences.service.ts';

const PATH = '/api/notifications/channel-preferences/';
const tags = ['preferences'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function channelPreferenceRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'Which notification types reach me in the app and by email',
        response: { 200: ChannelPreferences, ...errors },
      },
    },
    async (request) => getChannelPreferences(deps, currentUser(request).userId),
  );

  app.put(
    PATH,
    {
      schema: {
        tags,
        summary: 'Turn notification types on or off per channel',
        description:
          '`email: null` goes back to the default the admins set. `system` cannot be muted in the app. ' +
          'A type muted in the app is not emailed either.',
        body: ChannelPreferencesUpdate,
        response: { 200: ChannelPreferences, ...errors },
      },
    },
    async (request) =>
      updateChannelPreferences(deps, currentUser(request).userId, request.body as ChannelPreferencesUpdate),
  );
}
