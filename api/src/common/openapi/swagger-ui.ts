import type { INestApplication } from '@nestjs/common';
import { loadPackage } from '@nestjs/common/utils/load-package.util.js';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config.service.js';

/** Swagger UI's OAuth callback page (shipped by swagger-ui-dist, served with the explorer's assets). */
export const EXPLORER_OAUTH_REDIRECT_PATH = '/api/docs/oauth2-redirect.html';

/** Swagger UI at /api/docs and the document at /api/docs-json, served by the running API. */
/** What Authorize → oauth2 needs: the scopes to offer and the resource (RFC 8707) to ask tokens for. */
export interface ExplorerOAuth {
  scopes: string[];
  resource: string;
}

export async function serveApiExplorer(
  app: INestApplication,
  document: OpenAPIObject,
  oauth: ExplorerOAuth,
): Promise<void> {
  // Load the static-file plugin through our own module graph first: SwaggerModule's own lazy
  // import of it fails under Jest's ESM loader, and it reads this cache.
  await loadPackage('@fastify/static', 'SwaggerModule', () => import('@fastify/static'));
  const config = app.get(AppConfig);
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
      // Authorize → oauth2: the tester's own public client (registered with this redirect URI, see
      // README), code + PKCE S256 through the consent page; `resource` makes the token a JWT for this API.
      oauth2RedirectUrl: `${config.publicUrl}${EXPLORER_OAUTH_REDIRECT_PATH}`,
      initOAuth: {
        usePkceWithAuthorizationCodeGrant: true,
        scopes: oauth.scopes,
        additionalQueryStringParams: { resource: oauth.resource },
      },
    },
  });
}
