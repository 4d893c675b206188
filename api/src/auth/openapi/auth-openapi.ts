import type {
  HeaderObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
  SchemaObject,
  SecuritySchemeObject,
} from '@nestjs/swagger';
import {
  AUTH_BODY_FIELDS,
  AUTH_QUERY_FIELDS,
  REFUSED_AUTH_FIELDS,
  REFUSED_AUTH_QUERY,
  REQUIRED_AUTH_FIELDS,
  VERIFICATION_TOKEN_HEADER,
  VERIFICATION_TOKEN_MAX_LENGTH,
} from '../auth-input-limits.js';
import { AUTH_BASE_PATH, type BetterAuth, DISABLED_AUTH_PATHS } from '../better-auth.factory.js';
import { AUTH_SCHEMAS } from './auth-response-schemas.js';
import { OAUTH_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA } from '../oauth/oauth-input-limits.js';
import { PASSKEY_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA } from '../passkey/passkey-input-limits.js';
import { PASSKEY_SCHEMAS } from '../passkey/passkey-schemas.js';
import { OAUTH_SCHEMAS, OAUTH_SECURITY_SCHEMES } from '../oauth/oauth-schemas.js';
import {
  AUTH_ROUTES,
  type AuthRoute,
  NOT_DOCUMENTED_AUTH_ROUTES,
  SESSION_COOKIE_SCHEME,
  SESSION_TOKEN_SCHEME,
  securityOf,
  TWO_FACTOR_COOKIE_SCHEME,
} from './auth-routes.js';
import { OAUTH_QUERY_VALUE_MAX_LENGTH } from '../oauth/oauth-query-limits.js';

/** The part of the API's document that describes /api/auth: merged by the app's document builder. */
export interface OpenApiFragment {
  paths: Record<string, PathItemObject>;
  schemas: Record<string, SchemaObject>;
  headers: Record<string, HeaderObject>;
  securitySchemes: Record<string, SecuritySchemeObject>;
}

interface GeneratedOperation {
  operationId?: string;
  description?: string;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: GeneratedSchema }> };
}
interface GeneratedSchema {
  properties?: Record<string, { description?: string }>;
  required?: string[];
}
type GeneratedDocument = { paths: Record<string, Record<string, GeneratedOperation>> };

const PROBLEM = { $ref: '#/components/schemas/ProblemDetailsDto' };
const AUTH_ERROR = { $ref: '#/components/schemas/AuthError' };
const OAUTH_ERROR = { $ref: '#/components/schemas/OAuthError' };
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400:
    'The request is not valid: malformed JSON (problem+json), a field Better Auth or Taskvault refuses, or a mailed ' +
    'token that is missing, malformed, expired, already used, or sent in a URL (`TOKEN_IN_URL`); ' +
    '(two-factor) `INVALID_PASSWORD`, or `TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE`: five wrong codes ended this sign-in, ' +
    'start again with the password.',
  401:
    'No live session, or (sign-in) a wrong email or password; (two-factor) `INVALID_CODE` / `INVALID_BACKUP_CODE`, ' +
    'or `INVALID_TWO_FACTOR_COOKIE`: no pending sign-in (missing, expired or already finished).',
  403:
    'A cookie-bearing request from an origin that is not a configured web origin, or a callbackURL outside them; ' +
    '(sign-in, EMAIL_VERIFICATION=required) `EMAIL_NOT_VERIFIED`: the address is not verified yet, a new link was not sent — ask for one with POST /api/auth/send-verification-email.',
  413: 'The body is larger than 100 KiB.',
  404: 'No such client or consent among the caller’s own.',
  409: 'The same backup code was used by a concurrent request: try again (a code is spent once).',
  422: 'The email is already registered.',
  429:
    'Too many requests; `Retry-After` says how many seconds to wait. Wrong passwords and wrong two-factor codes ' +
    'count together per account. (two-factor) `ACCOUNT_TEMPORARILY_LOCKED`: ten wrong codes in a row lock the ' +
    'second step for 15 minutes.',
};
/** Errors Taskvault's own layers give before Better Auth sees the request are problem+json. */
const ERROR_CONTENT: Record<number, Record<string, { schema: object }>> = {
  400: { 'application/json': { schema: AUTH_ERROR }, 'application/problem+json': { schema: PROBLEM } },
  413: { 'application/problem+json': { schema: PROBLEM } },
};

/**
 * Better Auth's routes as the API serves them. Better Auth's generator supplies the routes, their
 * operation ids, descriptions and query parameters; Taskvault supplies what the generator cannot
 * know: who may call each route, the body fields it accepts and their limits
 * (auth-input-limits.ts), and what it answers (auth-response-schemas.ts).
 */
export async function authOpenApi(auth: BetterAuth): Promise<OpenApiFragment> {
  const generated = (await auth.api.generateOpenAPISchema()) as unknown as GeneratedDocument;
  const disabled = new Set(DISABLED_AUTH_PATHS.map((path) => path.replace(/:(\w+)/g, '{$1}')));
  const paths: Record<string, PathItemObject> = {};
  for (const [path, operations] of Object.entries(generated.paths)) {
    if (disabled.has(path)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (NOT_DOCUMENTED_AUTH_ROUTES[key]) continue;
      const route = AUTH_ROUTES[key];
      if (!route) throw new Error(`Better Auth serves ${key}: add it to AUTH_ROUTES, or disable it`);
      const item = (paths[`${AUTH_BASE_PATH}${path.replace(/\/+$/, '')}`] ??= {});
      (item as Record<string, OperationObject>)[method] = operationOf(method, path, operation, route);
    }
  }
  return {
    paths,
    schemas: { ...AUTH_SCHEMAS, ...OAUTH_SCHEMAS, ...PASSKEY_SCHEMAS },
    headers: AUTH_HEADERS,
    securitySchemes: { ...AUTH_SECURITY_SCHEMES, ...OAUTH_SECURITY_SCHEMES },
  };
}

function operationOf(method: string, path: string, generated: GeneratedOperation, route: AuthRoute): OperationObject {
  const withBody = method !== 'get';
  const errors = [...new Set([...(withBody ? [400, 403, 413] : []), ...(route.errors ?? []), 429])].sort(
    (a, b) => a - b,
  );
  const cookies = route.access === 'public' && !withBody ? [] : ['Set-Cookie'];
  const okHeaders = Object.fromEntries((route.okHeaders ?? []).map((name) => [name, header(name)]));
  const responses: Record<string, ResponseObject> = route.redirect
    ? {
        200: {
          description: 'The same redirect as JSON, for `fetch` from a page or `Accept: application/json`.',
          headers: okHeaders,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthRedirectResult' } } },
        },
        302: {
          description: route.redirect,
          headers: { ...okHeaders, Location: header('Location') },
        },
      }
    : {
        [route.okStatus ?? 200]: {
          description: 'Success',
          headers: okHeaders,
          ...(route.ok === null ? {} : { content: { 'application/json': { schema: okSchemaOf(route.ok, route) } } }),
        },
      };
  // The OAuth plugin answers RFC 6749 errors; Taskvault's input limits, Better Auth's own.
  const errorSchema = route.oauthErrors ? { anyOf: [OAUTH_ERROR, AUTH_ERROR] } : AUTH_ERROR;
  const errorHeaders = [...cookies, ...(route.oauthErrors ? ['Pragma'] : [])];
  if (route.callbackRedirect) {
    responses[302] = {
      description:
        'With a callbackURL (a mailed link opened in a browser): to the callbackURL, with `?error=…` when the link is not good.',
      headers: { ...okHeaders, Location: header('Location') },
    };
  }
  for (const status of errors) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      headers: Object.fromEntries(errorHeaders.map((name) => [name, header(name)])),
      content:
        // A sign-in that continues an authorization may meet the OAuth plugin's refusal of a
        // changed `oauth_query` (400 `invalid_signature`).
        status === 400 && (route.oauthErrors || route.continuesOAuth)
          ? {
              'application/json': { schema: { anyOf: [OAUTH_ERROR, AUTH_ERROR] } },
              'application/problem+json': { schema: PROBLEM },
            }
          : (ERROR_CONTENT[status] ?? { 'application/json': { schema: errorSchema } }),
    };
  }
  return {
    operationId: generated.operationId ?? operationIdFor(method, path),
    description: generated.description,
    tags: ['auth'],
    security: securityOf(route.access, method),
    parameters: parametersOf(path, generated),
    ...(withBody ? { requestBody: requestBodyOf(method, path, generated, route) } : {}),
    responses,
  };
}

/** The body schema, from AUTH_BODY_FIELDS; Better Auth's own schema must name the same fields. */
function requestBodyOf(
  method: string,
  path: string,
  generated: GeneratedOperation,
  route: AuthRoute,
): OperationObject['requestBody'] {
  const fields = AUTH_BODY_FIELDS[path];
  if (!fields) throw new Error(`${method.toUpperCase()} ${path} takes a body: add its fields to AUTH_BODY_FIELDS`);
  const refused = REFUSED_AUTH_FIELDS[path] ?? {};
  const schema = generated.requestBody?.content?.['application/json']?.schema ?? {};
  const documented = schema.properties ?? {};
  for (const name of Object.keys(documented)) {
    if (!fields[name] && !refused[name]) {
      throw new Error(`Better Auth takes ${name} on ${path}: decide on it in AUTH_BODY_FIELDS or REFUSED_AUTH_FIELDS`);
    }
  }
  const leftOut = {
    ...OAUTH_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA[path],
    ...PASSKEY_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA[path],
  };
  for (const name of Object.keys(fields)) {
    if (!documented[name] && !leftOut[name])
      throw new Error(`AUTH_BODY_FIELDS names ${name} on ${path}, which Better Auth does not take`);
  }
  const required = [...new Set([...(schema.required ?? []), ...(REQUIRED_AUTH_FIELDS[path] ?? [])])].filter(
    (name) => fields[name],
  );
  const notes = Object.entries(refused).map(([name, why]) => `\`${name}\` is refused: ${why}`);
  const schemaOf = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [
        name,
        { ...field.schema, description: documented[name]?.description ?? leftOut[name] },
      ]),
    ),
    ...(required.length ? { required } : {}),
  };
  return {
    required: Boolean(generated.requestBody?.required),
    ...(notes.length ? { description: notes.join(' ') } : {}),
    content: {
      'application/json': { schema: schemaOf },
      ...(route.formBody ? { 'application/x-www-form-urlencoded': { schema: schemaOf } } : {}),
    },
  };
}

/** Better Auth's parameters, bounded, without those refused; the verification token's header. */
function parametersOf(path: string, generated: GeneratedOperation): ParameterObject[] {
  const refused = REFUSED_AUTH_QUERY[path] ?? {};
  const parameters = (generated.parameters ?? [])
    .filter((parameter) => !refused[String(parameter.name)])
    .map((parameter) => parameterOf(path, parameter));
  if (path === '/verify-email') {
    parameters.unshift({
      name: VERIFICATION_TOKEN_HEADER,
      in: 'header',
      required: true,
      description:
        'The token of the mailed link (the fragment of the web app page it opens: `#token=…`). ' +
        Object.values(refused).join(' '),
      schema: { type: 'string', maxLength: VERIFICATION_TOKEN_MAX_LENGTH, pattern: '^[A-Za-z0-9._-]+$' },
    });
  }
  return parameters;
}

type BodySchema = NonNullable<NonNullable<ResponseObject['content']>[string]['schema']>;

/** The 200 body; a sign-in that continues an OAuth authorization answers where the browser goes next. */
function okSchemaOf(ok: string, route: AuthRoute): BodySchema {
  const schema = { $ref: `#/components/schemas/${ok}` };
  return route.continuesOAuth ? { oneOf: [schema, { $ref: '#/components/schemas/OAuthRedirectResult' }] } : schema;
}

const OAUTH_PATH = /^\/(oauth2|device)(\/|$)/;

/** A query or path parameter, with the limits of AUTH_QUERY_FIELDS when Better Auth's route has them. */
function parameterOf(path: string, generated: Record<string, unknown>): ParameterObject {
  const parameter = toOpenApi30(generated) as ParameterObject;
  const field = AUTH_QUERY_FIELDS[path]?.[parameter.name];
  if (field) return { ...parameter, schema: { ...field.schema } };
  // The OAuth routes' query parameters (authorize, device) are Better Auth's to judge; bounded here.
  if (OAUTH_PATH.test(path)) return bounded(parameter);
  if (parameter.schema && (parameter.schema as SchemaObject).type === 'string') {
    throw new Error(`Better Auth takes the string ${parameter.name} on ${path}: bound it in AUTH_QUERY_FIELDS`);
  }
  return parameter;
}

const AUTH_HEADERS: Record<string, HeaderObject> = {
  Location: {
    description:
      'Where the browser goes next: a page of the web app (sign-in, consent, the error page, a mailed link’s ' +
      'callbackURL), or the OAuth app’s registered redirect URI.',
    schema: { type: 'string', format: 'uri-reference', maxLength: 8192 },
  },
  'Set-Cookie': {
    description:
      'Better Auth sets, refreshes or clears its cookies (`better-auth.session_token`, `better-auth.dont_remember`, ' +
      "the sign-in second step's `better-auth.two_factor` and `better-auth.trust_device`, a passkey ceremony's " +
      'challenge `better-auth.better-auth-passkey` (signed, 5 minutes); `__Secure-` prefixed over ' +
      'https). HttpOnly, SameSite=Lax.',
    schema: { type: 'string', maxLength: 4096 },
  },
  'Set-Auth-Token': {
    description: 'The session token, signed (Better Auth bearer plugin), whenever the session cookie is set.',
    schema: { type: 'string', maxLength: 512, pattern: '^[A-Za-z0-9._~+/=%-]+$' },
  },
  Pragma: {
    description: '`no-cache`, for HTTP/1.0 caches: the answer names the session.',
    schema: { type: 'string', enum: ['no-cache'] },
  },
  'Set-Auth-Jwt': {
    description: 'A JWT for the current session (jwt plugin), as GET /api/auth/token would give.',
    schema: { type: 'string', maxLength: 4096, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' },
  },
};

const AUTH_SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  [SESSION_COOKIE_SCHEME]: {
    type: 'apiKey',
    in: 'cookie',
    name: 'better-auth.session_token',
    description:
      'The session cookie set by sign-up and sign-in (`__Secure-better-auth.session_token` when the API is served ' +
      'over https). Requests other than GET that carry it must come from a configured web origin.',
  },
  [TWO_FACTOR_COOKIE_SCHEME]: {
    type: 'apiKey',
    in: 'cookie',
    name: 'better-auth.two_factor',
    description:
      'Set by a password sign-in that answered `twoFactorRedirect: true` (signed, 10 minutes; ' +
      '`__Secure-better-auth.two_factor` over https). Send it back with the code; being a cookie-bearing POST, the ' +
      'request must carry an `Origin` header naming the API or a configured web origin (a script sends it itself).',
  },
  [SESSION_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The session token returned by sign-up and sign-in, as `Authorization: Bearer <token>` (Better Auth bearer ' +
      'plugin): for clients without cookies, on /api/auth routes only.',
  },
};

/**
 * Better Auth's generator writes a few OpenAPI 3.1 constructs into this 3.0 document: `type`
 * beside `$ref`, `propertyNames`, and `type: [..., "null"]`. Rewritten to their 3.0 forms.
 */
function toOpenApi30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenApi30);
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
    result[key] = toOpenApi30(child);
  }
  return result;
}

/**
 * Better Auth's generator states no limits on query parameters (the OAuth routes have a dozen);
 * Fastify refuses a URL past its limit anyway, so these say what the server takes.
 */
function bounded(parameter: ParameterObject): ParameterObject {
  const limit = (schema: Record<string, unknown> | undefined): void => {
    if (!schema) return;
    if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum)
      schema.maxLength = OAUTH_QUERY_VALUE_MAX_LENGTH;
    if (schema.type === 'integer') {
      schema.format ??= 'int32';
      schema.minimum ??= 0;
      schema.maximum ??= 2_147_483_647;
    }
    if (schema.type === 'array') {
      schema.maxItems ??= 10;
      limit(schema.items as Record<string, unknown> | undefined);
    }
    for (const key of ['oneOf', 'anyOf'] as const)
      for (const entry of (schema[key] as Record<string, unknown>[] | undefined) ?? []) limit(entry);
  };
  limit(parameter.schema as Record<string, unknown> | undefined);
  return parameter;
}

/** Better Auth leaves a few operations unnamed: GET /account-info → getAccountInfo. */
function operationIdFor(method: string, path: string): string {
  const words = `${method} ${path.replace(/\{(\w+)\}/g, 'by $1')}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1)))
    .join('');
}
