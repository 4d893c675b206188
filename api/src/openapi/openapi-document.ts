import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BETTER_AUTH } from '../auth/auth.constants.js';
import type { BetterAuth } from '../auth/better-auth.factory.js';
import { authOpenApi } from '../auth/openapi/auth-openapi.js';
import { OPENAPI_SCOPES_EXTENSION, PERSONAL_TOKEN_SECURITY_SCHEME } from '../auth/scopes/access.decorators.js';
import { JWT_SECURITY_SCHEME } from '../common/openapi/api-problem-responses.decorator.js';
import { applyDocumentConventions } from '../common/openapi/document-conventions.js';
import { sortKeys } from '../common/openapi/openapi-json.js';
import { documentIdempotency } from '../idempotency/idempotency-openapi.js';

/**
 * The one OpenAPI document of the API: the Nest routes (operation ids are the controller method
 * names) plus Better Auth's own routes under /api/auth, so one explorer covers sign-up, sign-in,
 * token and the tasks. It sits above the features it composes; `common/openapi` holds only what
 * any document shares.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const config = new DocumentBuilder()
    .setTitle('Taskvault API')
    .setDescription(
      'Tasks that only their owner can see. Sign up or sign in under `auth`, get a JWT from ' +
        '`GET /api/auth/token`, press **Authorize** and paste it as the `jwt` bearer token — or paste ' +
        'a personal access token (`POST /api/tokens`) as `personalToken`. Each operation names the ' +
        'scope it needs in `x-required-scopes`. ' +
        'Errors of the API’s own routes are RFC 9457 `application/problem+json`; the `auth` routes ' +
        'answer in Better Auth’s `{ code, message }` shape. Every response also carries the ' +
        'browser hardening headers (Content-Security-Policy, X-Content-Type-Options: nosniff, ' +
        'X-Frame-Options: DENY, and the like), not repeated per operation.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A JWT from GET /api/auth/token, conforming to RFC8725 (JWT best current practices): ES256 only, ' +
          'issuer and audience pinned, 15 minutes at most, refused once its session ends.',
      },
      JWT_SECURITY_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tvp_ personal access token',
        description:
          'A personal access token (`tvp_…`) created under Account → Personal access tokens or with ' +
          'POST /api/tokens. It opens the operations whose `x-required-scopes` it carries; revoked or ' +
          'expired tokens are refused.',
      },
      PERSONAL_TOKEN_SECURITY_SCHEME,
    )
    .addTag('auth', 'Sign-up, sign-in, sessions and JWTs (Better Auth)')
    .addTag('tasks', 'The caller’s tasks')
    .addTag('users', 'The caller’s profile')
    .addTag('webhooks', 'Signed deliveries of the caller’s task events to URLs of theirs')
    .addTag('tokens', 'Personal access tokens for the caller’s own scripts (managed with the session only)')
    .addTag('health', 'Liveness and readiness')
    .addTag('mcp', 'The Model Context Protocol endpoint for agents (streamable HTTP)')
    .addTag('oauth', 'Discovery documents for OAuth and MCP clients')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  const auth = await authOpenApi(app.get<BetterAuth>(BETTER_AUTH));
  Object.assign(document.paths, auth.paths);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...auth.schemas };
  document.components.headers = { ...document.components.headers, ...auth.headers };
  document.components.securitySchemes = { ...document.components.securitySchemes, ...auth.securitySchemes };
  documentIdempotency(document);
  applyDocumentConventions(document);
  describeScopes(document);
  return sortKeys(document);
}

/** Each operation's description ends with the scope it needs, for people reading the explorer. */
function describeScopes(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Record<string, unknown>>)) {
      const scopes = operation?.[OPENAPI_SCOPES_EXTENSION];
      if (!Array.isArray(scopes)) continue;
      operation.description = [
        operation.description,
        `Needs the scope ${scopes.map((scope) => `\`${scope}\``).join(', ')} (session JWTs carry every scope).`,
      ]
        .filter(Boolean)
        .join('\n\n');
    }
  }
}
