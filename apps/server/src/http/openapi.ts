// The OpenAPI description, generated from the route schemas: /api/openapi.json and /api/docs/.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorBody } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';

/** Methods whose requests may carry a body, and so may be answered 413 or 415. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Answers that no route gives itself, said once here for every route so that none can forget
  // them: 413 and 415 come from the body parser (app.ts, http/json-body.ts) before any route runs,
  // 503 from the error handler while the database cannot be reached.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!response) return;
    response[503] ??= ErrorBody;
    if (!methods.some((method) => WITH_BODY.has(method))) return;
    response[413] ??= ErrorBody;
    response[415] ??= ErrorBody;
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Webinar notifications API',
        version: '1.0.0',
        description:
          'Notifications of the webinar platform. Authenticate with `Authorization: Bearer <access>` ' +
          '(from POST /api/auth/token/) or with the session cookie from POST /api/auth/login/, in which ' +
          'case unsafe requests must send the `X-CSRF-Token` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          session: { type: 'apiKey', in: 'cookie', name: 'sessionid' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
