// The signed-in user's contact settings (/api/auth/me/contact/) and the public page behind a
// verification link (/api/email/verify/), which needs no sign-in: its signed token is the proof.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ContactSettings,
  ContactSettingsUpdate,
  EmailVerified,
  ErrorBody,
  SignedToken,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import { changeContact, getContact, resendVerification, verifyEmail } from './contact.service.ts';

const tags = ['contact'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function contactRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/auth/me/contact/',
    {
      schema: {
        tags,
        summary: 'My email address, its status, and my time zone',
        response: { 200: ContactSettings, ...errors },
      },
    },
    async (request) => getContact(deps.db, currentUser(request).userId),
  );

  app.patch(
    '/api/auth/me/contact/',
    {
      schema: {
        tags,
        summary: 'Change my email address (it must then be verified) or my time zone',
        description:
          'A new address is unverified until the link of the email sent to it is opened; an empty ' +
          'string removes it. The time zone is an IANA name such as `Europe/Paris`.',
        body: ContactSettingsUpdate,
        response: { 200: ContactSettings, ...errors },
      },
    },
    async (request) => changeContact(deps, currentUser(request).userId, request.body),
  );

  app.post(
    '/api/auth/me/contact/verification/',
    {
      schema: {
        tags,
        summary: 'Send the verification email of my address again',
        description: 'At most once a minute (429 with Retry-After); 409 when there is nothing to verify.',
        response: { 202: Type.Object({}), ...errors, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      await resendVerification(deps, currentUser(request).userId);
      return reply.status(202).send({});
    },
  );

  app.post(
    '/api/email/verify/',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Confirm an email address with the token of its verification link',
        security: [],
        body: SignedToken,
        response: { 200: EmailVerified, 400: ErrorBody },
      },
    },
    async (request) => verifyEmail(deps, request.body.token),
  );
}
