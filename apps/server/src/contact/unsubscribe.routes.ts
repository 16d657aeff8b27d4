// The public side of an unsubscribe link (/api/email/...): the page's lookup and change, and the
// one-click target of the List-Unsubscribe header (RFC 8058). None needs a sign-in or a CSRF token:
// the signed token in each request is the proof, and names the only thing it can change.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, SignedToken, UnsubscribeChange, UnsubscribeState } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { acceptOnlyFormBodies, FORM_CONTENT_TYPES } from './form-body.ts';
import { changeSubscription, lookupUnsubscribe } from './unsubscribe.service.ts';

const tags = ['contact'];
const publicRoute = { config: { public: true } };
const ONE_CLICK = '/api/email/one-click-unsubscribe/:token/';
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 2000 }) });
/** What RFC 8058 has the mail provider send; other fields may come along. */
const OneClickBody = Type.Object({ 'List-Unsubscribe': Type.Literal('One-Click') });

export async function unsubscribeRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/email/unsubscribe/lookup/',
    {
      ...publicRoute,
      schema: {
        tags,
        summary: "What an unsubscribe link is about: its type, the address, and whether it's emailed now",
        security: [],
        body: SignedToken,
        response: { 200: UnsubscribeState, 400: ErrorBody },
      },
    },
    async (request) => lookupUnsubscribe(deps, request.body.token),
  );

  app.post(
    '/api/email/unsubscribe/',
    {
      ...publicRoute,
      schema: {
        tags,
        summary: "Stop (or resume) emails of an unsubscribe link's type",
        security: [],
        body: UnsubscribeChange,
        response: { 200: UnsubscribeState, 400: ErrorBody },
      },
    },
    async (request) => changeSubscription(deps, request.body.token, request.body.subscribed),
  );

  // Link checkers and scanners open every link in an email: a GET only shows the page that asks.
  app.get(
    ONE_CLICK,
    {
      ...publicRoute,
      schema: {
        tags,
        summary: 'Opened as a link: redirects to the unsubscribe page, which asks first',
        security: [],
        params: TokenParams,
        response: { 302: { description: 'To /unsubscribe/:token', type: 'null' }, 400: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.redirect(
        `${deps.config.publicUrl ?? ''}/unsubscribe/${encodeURIComponent(request.params.token)}`,
      ),
  );

  await app.register(async (oneClick) => {
    acceptOnlyFormBodies(oneClick);
    oneClick.withTypeProvider<TypeBoxTypeProvider>().post(
      ONE_CLICK,
      {
        ...publicRoute,
        schema: {
          tags,
          summary: 'One-click unsubscribe (RFC 8058), for mail providers',
          description:
            'The target of the List-Unsubscribe header: the body is the form field ' +
            '`List-Unsubscribe=One-Click`, url-encoded or multipart.',
          security: [],
          consumes: FORM_CONTENT_TYPES,
          params: TokenParams,
          body: OneClickBody,
          response: {
            200: { description: 'Unsubscribed', content: { 'text/plain': { schema: Type.String() } } },
            400: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const state = await changeSubscription(deps, request.params.token, false);
        return reply
          .type('text/plain; charset=utf-8')
          .send(`${state.email || 'This address'} will no longer receive ${state.type_label} emails.\n`);
      },
    );
  });
}
