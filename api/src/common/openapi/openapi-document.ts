import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BETTER_AUTH } from '../../auth/auth.constants.js';
import { AUTH_BASE_PATH, type BetterAuth } from '../../auth/better-auth.factory.js';
import { JWT_SECURITY_SCHEME } from './api-problem-responses.decorator.js';

const SESSION_SCHEME = 'sessionToken';
const SESSION_COOKIE_SCHEME = 'sessionCookie';

/**
 * The one OpenAPI document of the API: the Nest routes (operation ids are the controller method
 * names) plus Better Auth's own routes under /api/auth, so one explorer covers sign-up, sign-in,
 * token and the tasks.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const config = new DocumentBuilder()
    .setTitle('Taskvault API')
    .setDescription(
      'Tasks that only their owner can see. Sign up or sign in under `auth`, get a JWT from ' +
        '`GET /api/auth/token`, press **Authorize** and paste it as the `jwt` bearer token. ' +
        'Errors of the API’s own routes are RFC 9457 `application/problem+json`; the `auth` routes ' +
        'answer in Better Auth’s `{ code, message }` shape.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from GET /api/auth/token' },
      JWT_SECURITY_SCHEME,
    )
    .addSecurity(SESSION_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'The session token returned by sign-in (Better Auth bearer plugin); for /api/auth routes only.',
    })
    .addSecurity(SESSION_COOKIE_SCHEME, { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' })
    .addTag('auth', 'Sign-up, sign-in, sessions and JWTs (Better Auth)')
    .addTag('tasks', 'The caller’s tasks')
    .addTag('users', 'The caller’s profile')
    .addTag('health', 'Liveness and readiness')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  const auth = app.get<BetterAuth>(BETTER_AUTH);
  mergeAuthDocument(document, (await auth.api.generateOpenAPISchema()) as unknown as AuthDocument);
  return sortKeys(document) as OpenAPIObject;
}

interface AuthDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown> };
}

function mergeAuthDocument(document: OpenAPIObject, authDocument: AuthDocument): void {
  const rename = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll('"#/components/schemas/', '"#/components/schemas/Auth')
        .replaceAll('"bearerAuth"', `"${SESSION_SCHEME}"`)
        .replaceAll('"apiKeyCookie"', `"${SESSION_COOKIE_SCHEME}"`),
    );
  for (const [path, operations] of Object.entries(authDocument.paths)) {
    const item: Record<string, unknown> = {};
    for (const [method, operation] of Object.entries(operations)) {
      const renamed = rename(operation) as Record<string, unknown>;
      item[method] = { ...renamed, operationId: renamed.operationId ?? operationIdFor(method, path), tags: ['auth'] };
    }
    document.paths[`${AUTH_BASE_PATH}${path.replace(/\/+$/, '')}`] = item;
  }
  document.components ??= {};
  document.components.schemas ??= {};
  for (const [name, schema] of Object.entries(authDocument.components?.schemas ?? {})) {
    document.components.schemas[`Auth${name}`] = rename(schema) as object;
  }
}

/** Better Auth leaves a few operations unnamed: GET /account-info → getAccountInfo. */
function operationIdFor(method: string, path: string): string {
  const words = `${method} ${path.replace(/\{(\w+)\}/g, 'by $1')}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1)))
    .join('');
}

/** Stable key order, so the committed document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
