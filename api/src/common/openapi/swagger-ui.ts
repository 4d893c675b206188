import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /api/docs and the document at /api/docs-json, served by the running API. */
export function serveApiExplorer(app: INestApplication, document: OpenAPIObject): void {
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
