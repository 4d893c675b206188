import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BETTER_AUTH } from '../../auth/auth.constants.js';
import { AUTH_BASE_PATH, type BetterAuth, DISABLED_AUTH_PATHS } from '../../auth/better-auth.factory.js';
import { OPENAPI_PUBLIC_EXTENSION } from '../../auth/public.decorator.js';
import {
  OPENAPI_SCOPES_EXTENSION,
  PERSONAL_TOKEN_SECURITY_SCHEME,
  SESSION_COOKIE_SECURITY_SCHEME,
} from '../../auth/scopes/access.decorators.js';
import { JWT_SECURITY_SCHEME } from './api-problem-responses.decorator.js';

const SESSION_SCHEME = 'sessionToken';

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
        '`GET /api/auth/token`, press **Authorize** and paste it as the `jwt` bearer token — or paste ' +
        'a personal access token (`POST /api/tokens`) as `personalToken`. Each operation names the ' +
        'scope it needs in `x-required-scopes`. ' +
        'Errors of the API’s own routes are RFC 9457 `application/problem+json`; the `auth` routes ' +
        'answer in Better Auth’s `{ code, message }` shape.',
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
    .addSecurity(SESSION_COOKIE_SECURITY_SCHEME, {
      type: 'apiKey',
      in: 'cookie',
      name: 'better-auth.session_token',
      description:
        'The session cookie set by sign-in (HttpOnly; the browser sends it). Requests that change ' +
        'something must come from a trusted web origin.',
    })
    .addSecurity(SESSION_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'The session token returned by sign-in (Better Auth bearer plugin); for /api/auth routes only.',
    })
    .addTag('auth', 'Sign-up, sign-in, sessions and JWTs (Better Auth)')
    .addTag('tasks', 'The caller’s tasks')
    .addTag('users', 'The caller’s profile')
    .addTag('tokens', 'Personal access tokens for the caller’s own scripts (managed with the session only)')
    .addTag('health', 'Liveness and readiness')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  const auth = app.get<BetterAuth>(BETTER_AUTH);
  mergeAuthDocument(document, (await auth.api.generateOpenAPISchema()) as unknown as AuthDocument);
  finishOperations(document);
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
        .replaceAll('"bearerAuth"', `"${SESSION_SCHEME}"`),
    );
  const disabled = new Set(DISABLED_AUTH_PATHS.map((path) => path.replace(/:(\w+)/g, '{$1}')));
  for (const [path, operations] of Object.entries(authDocument.paths)) {
    if (disabled.has(path)) continue;
    const item: Record<string, unknown> = {};
    for (const [method, operation] of Object.entries(operations)) {
      const renamed = sanitizeSchemas(rename(operation)) as Record<string, unknown>;
      item[method] = { ...renamed, operationId: renamed.operationId ?? operationIdFor(method, path), tags: ['auth'] };
    }
    document.paths[`${AUTH_BASE_PATH}${path.replace(/\/+$/, '')}`] = item;
  }
  document.components ??= {};
  document.components.schemas ??= {};
  const referenced = JSON.stringify(document.paths);
  for (const [name, schema] of Object.entries(authDocument.components?.schemas ?? {})) {
    if (referenced.includes(`"#/components/schemas/Auth${name}"`)) {
      document.components.schemas[`Auth${name}`] = sanitizeSchemas(rename(schema)) as object;
    }
  }
}

const counter = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 };
const RESPONSE_HEADERS = {
  'RateLimit-Limit': { description: 'Requests allowed in the current window', schema: counter },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: counter },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: counter },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: counter },
  'Access-Control-Allow-Origin': {
    description: 'Present only for the configured web origins (CORS); absent for any other origin.',
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
};
const RATE_LIMITED = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
const headerRefs = (names: string[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * What every operation shares: a summary, its security (public routes say `security: []`, the
 * rest default to the JWT), and the RateLimit-* headers every 2xx and 4xx response carries.
 */
function finishOperations(document: OpenAPIObject): void {
  document.security = [{ [JWT_SECURITY_SCHEME]: [] }];
  // Relative, so the explorer and generated clients talk to whichever deployment serves them.
  document.servers = [
    {
      url: '/',
      description: 'The deployment serving this document (production, staging or local)',
      'x-internal': false,
    } as never,
  ];
  document.components ??= {};
  document.components.headers = RESPONSE_HEADERS as never;
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Record<string, unknown> | undefined>)[method];
      if (!operation) continue;
      if (operation[OPENAPI_PUBLIC_EXTENSION]) {
        operation.security = [];
        delete operation[OPENAPI_PUBLIC_EXTENSION];
      }
      for (const parameter of (operation.parameters ?? []) as Array<Record<string, unknown>>) {
        // Every id in a path is a UUID: say so, with its length.
        if (parameter.in === 'path' && (parameter.name === 'id' || parameter.name === 'userId')) {
          parameter.schema = { type: 'string', format: 'uuid', minLength: 36, maxLength: 36 };
        }
      }
      const description = typeof operation.description === 'string' ? operation.description : undefined;
      operation.summary ??= description?.split(/(?<=\.)\s/)[0] ?? String(operation.operationId);
      const scopes = operation[OPENAPI_SCOPES_EXTENSION];
      if (Array.isArray(scopes)) {
        operation.description = [
          description,
          `Needs the scope ${scopes.map((scope) => `\`${scope}\``).join(', ')} (session JWTs carry every scope).`,
        ]
          .filter(Boolean)
          .join('\n\n');
      }
      const responses = (operation.responses ?? {}) as Record<string, { headers?: Record<string, unknown> }>;
      for (const [status, response] of Object.entries(responses)) {
        if ('$ref' in response) continue;
        const names = ['Access-Control-Allow-Origin'];
        if (/^[24]/.test(status)) names.push(...RATE_LIMITED);
        if (status === '429') names.push('Retry-After');
        response.headers = { ...headerRefs(names), ...response.headers };
      }
    }
  }
}

/**
 * Better Auth's generator writes a few OpenAPI 3.1 constructs into this 3.0 document: `type`
 * beside `$ref`, `propertyNames`, and `type: [..., "null"]`. Rewritten to their 3.0 forms.
 */
function sanitizeSchemas(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sanitizeSchemas);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  const hasRef = entries.some(([key]) => key === '$ref');
  for (const [key, child] of entries) {
    if (key === 'propertyNames') continue;
    if (hasRef && key !== '$ref') continue;
    if (key === 'type' && Array.isArray(child)) {
      const types = child.filter((type) => type !== 'null');
      result.type = types[0];
      if (types.length !== child.length) result.nullable = true;
      continue;
    }
    result[key] = sanitizeSchemas(child);
  }
  return result;
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
