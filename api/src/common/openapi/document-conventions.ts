import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_PUBLIC_EXTENSION } from '../access/public.decorator.js';
import { JWT_SECURITY_SCHEME } from './api-problem-responses.decorator.js';

const counter = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 };

/** Headers any response may carry, described once and referenced from every response. */
const SHARED_HEADERS = {
  'Cache-Control': {
    description: 'Every answer under /api names a user, a token or the API’s state: no cache may keep it.',
    required: true,
    schema: { type: 'string', enum: ['no-store'] },
  },
  'X-Request-Id': {
    description: 'The request’s id in the logs: the caller’s own X-Request-Id when well-formed, else a new UUID.',
    required: true,
    schema: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._-]{1,64}$' },
  },
  'Access-Control-Allow-Origin': {
    description: 'Present only for the configured web origins (CORS); absent for any other origin.',
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
  'Access-Control-Allow-Credentials': {
    description: 'With Access-Control-Allow-Origin: the web app may send its cookies.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Access-Control-Expose-Headers': {
    description: 'The response headers a web app may read (CORS).',
    schema: { type: 'string', maxLength: 1024 },
  },
  'RateLimit-Limit': { description: 'Requests allowed in the current window', schema: counter },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: counter },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: counter },
  'Retry-After': { description: 'Seconds to wait before retrying', required: true, schema: counter },
};
const EVERY_RESPONSE = [
  'Cache-Control',
  'X-Request-Id',
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers',
];
const RATE_LIMITED = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
const headerRefs = (names: string[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Fastify reads every body before any route: these refusals can answer any operation that takes one. */
const BODY_REFUSALS: Record<string, string> = {
  413: 'The body is larger than 100 KiB.',
  415: 'The body is of a media type the API does not read: send `application/json`.',
};
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
});

/**
 * What every operation of the document shares: a summary, its security (public routes say
 * `security: []`, the rest default to the JWT), the body refusals (413, 415) of those that take a
 * body, the headers every response may carry (RateLimit-* on 2xx, 3xx and 4xx), and closed objects: the API refuses unknown fields and answers none it does
 * not document, so every object with properties says `additionalProperties: false`.
 */
export function applyDocumentConventions(document: OpenAPIObject): void {
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
  document.components.headers = { ...SHARED_HEADERS, ...document.components.headers } as never;
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
      const responses = (operation.responses ?? {}) as Record<
        string,
        { headers?: Record<string, unknown>; description?: string }
      >;
      if (operation.requestBody) {
        for (const [status, why] of Object.entries(BODY_REFUSALS)) responses[status] ??= problemResponse(why);
      }
      for (const [status, response] of Object.entries(responses)) {
        if ('$ref' in response) continue;
        const names = [...EVERY_RESPONSE];
        if (/^[234]/.test(status)) names.push(...RATE_LIMITED);
        if (status === '429') names.push('Retry-After');
        response.headers = { ...headerRefs(names), ...response.headers };
      }
    }
  }
  closeObjects(document.paths);
  closeObjects(document.components.schemas);
}

/** Every object schema that lists its properties admits no others (unless it says otherwise). */
function closeObjects(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(closeObjects);
  if (value === null || typeof value !== 'object') return;
  const schema = value as Record<string, unknown>;
  const composed = 'allOf' in schema || 'oneOf' in schema || 'anyOf' in schema;
  if (schema.type === 'object' && schema.properties && !composed && !('additionalProperties' in schema)) {
    schema.additionalProperties = false;
  }
  Object.values(schema).forEach(closeObjects);
}
