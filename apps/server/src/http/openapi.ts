// The OpenAPI description, generated from the route schemas: /api/openapi.json and /api/docs/.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
