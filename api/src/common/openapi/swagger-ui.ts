import type { INestApplication } from '@nestjs/common';
import { loadPackage } from '@nestjs/common/utils/load-package.util.js';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /api/docs and the document at /api/docs-json, served by the running API. */
export async function serveApiExplorer(app: INestApplication, document: OpenAPIObject): Promise<void> {
  // Load the static-file plugin through our own module graph first: SwaggerModule's own lazy
  // import of it fails under Jest's ESM loader, and it reads this cache.
  await loadPackage('@fastify/static', 'SwaggerModule', () => import('@fastify/static'));
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    raw: ['json'],
    customSiteTitle: 'Taskvault API explorer',
    swaggerOptions: {
      // The session cookie set by sign-up/sign-in in the explorer is sent to /api/auth/token.
      withCredentials: true,
      persistAuthorization: false,
      displayOperationId: true,
      tryItOutEnabled: true,
    },
  });
}
