import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation, ValidationContext } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';

export const COMMITTED_DOCUMENT = fileURLToPath(new URL('../../openapi.json', import.meta.url));

/** One response as a test received it: enough to judge it against the document. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  /** Lower-case names; repeated headers (Set-Cookie) as arrays. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, '' when there was none. */
  body: string;
}

/**
 * Headers that no operation's contract is about, so the document does not list them per
 * response. Any other header a response carries must be documented on that response.
 */
const UNDOCUMENTED_HEADERS: Record<string, string> = {
  connection: 'HTTP framing',
  'keep-alive': 'HTTP framing',
  'transfer-encoding': 'HTTP framing',
  'content-length': 'HTTP framing',
  date: 'HTTP framing',
  'content-type': 'checked against the documented media types instead',
  vary: 'a caching hint of the CORS layer (Vary: Origin)',
  // helmet, on every response: browser hardening, not part of any operation.
  'content-security-policy': 'helmet',
  'cross-origin-opener-policy': 'helmet',
  'cross-origin-resource-policy': 'helmet',
  'origin-agent-cluster': 'helmet',
  'referrer-policy': 'helmet',
  'strict-transport-security': 'helmet',
  'x-content-type-options': 'helmet',
  'x-dns-prefetch-control': 'helmet',
  'x-download-options': 'helmet',
  'x-frame-options': 'helmet',
  'x-permitted-cross-domain-policies': 'helmet',
  'x-xss-protection': 'helmet',
};

/**
 * Responses the document does not describe, each named with its reason and, where there is
 * something to hold it to, checked. Every other response must match a documented operation.
 */
interface UndocumentedRoute {
  reason: string;
  matches(method: string, path: string): boolean;
  check?(response: ObservedResponse): string[];
}

const isProblemStatus = (status: number) => [400, 404, 405, 413, 415].includes(status);

/** Filled in when the contract loads: the compiled ProblemDetails schema. */
type ProblemCheck = (response: ObservedResponse) => string[];

function undocumentedRoutes(problemCheck: ProblemCheck): UndocumentedRoute[] {
  return [
    {
      reason: 'not the API: the web app (index.html) and its assets live outside /api',
      matches: (_method, path) => path !== '/api' && !path.startsWith('/api/'),
    },
    {
      reason: 'the explorer: Swagger UI’s page, scripts and styles',
      matches: (method, path) => method === 'GET' && (path === '/api/docs' || path.startsWith('/api/docs/')),
    },
    {
      reason: 'the OpenAPI document itself',
      matches: (method, path) => method === 'GET' && path === '/api/docs-json',
      check: (response) =>
        response.status === 200 && parseJson(response.body)?.openapi ? [] : ['is not the OpenAPI document'],
    },
    {
      reason:
        'a CORS preflight: the CORS layer answers it (204) for a configured web origin, on any path; ' +
        'for any other origin it is an unknown route (problem+json 404)',
      matches: (method) => method === 'OPTIONS',
      check: (response) => {
        if (response.status === 204) return response.body === '' ? [] : ['a preflight answered with a body'];
        return response.status === 404 ? problemCheck(response) : [`a preflight answered ${response.status}`];
      },
    },
    {
      reason: 'no such Better Auth route (or one Taskvault turns off): Better Auth answers 404',
      matches: (_method, path) => path.startsWith('/api/auth/'),
      check: (response) =>
        response.status === 404 ? [] : [`an unknown auth route answered ${response.status}, not 404`],
    },
    {
      reason: 'no such route or method: an RFC 9457 problem (404, or 400/413/415 when the body is refused first)',
      matches: () => true,
      check: (response) =>
        isProblemStatus(response.status)
          ? problemCheck(response)
          : [`an unknown route answered ${response.status}, not a 4xx problem`],
    },
  ];
}

/**
 * Refusals of the HTTP server itself (api/src/bootstrap/transport-refusals.ts, for what Node's
 * parser rejects), before any route, hook or header of the API: possible on every path, so no
 * operation lists them. They are RFC 9457 problems like every other error.
 */
const TRANSPORT_REFUSALS: Record<number, string> = {
  431: 'Request Header Fields Too Large: the headers exceed Node’s limit (16 KiB)',
};

/**
 * The committed OpenAPI document as a judge of real responses: the route (path templates,
 * method), the status, the media type and body, and the headers. openapi-backend matches the
 * operation and supplies its Ajv set-up (OpenAPI formats, a dereferenced document).
 */
export class OpenApiContract {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly undocumented: UndocumentedRoute[];
  private readonly bodies: Ajv;
  /** Header values are strings on the wire: `Retry-After: 30` is judged as the integer 30. */
  private readonly headers: Ajv;

  private constructor(private readonly api: OpenAPIBackend) {
    this.undocumented = undocumentedRoutes((response) => this.checkProblem(response));
    this.bodies = api.validator.getAjv(ValidationContext.Response);
    this.headers = api.validator.getAjv(ValidationContext.ResponseHeaders, { coerceTypes: true });
  }

  static async load(path = COMMITTED_DOCUMENT): Promise<OpenApiContract> {
    const definition = JSON.parse(await readFile(path, 'utf8')) as OpenAPIV3.Document;
    const api = new OpenAPIBackend({
      definition,
      strict: true,
      // Compiles each validator when first needed (a full compile costs seconds per test file);
      // the document itself is linted by Spectral and Redocly (.ci/checks).
      quick: true,
      // Fastify tells /api/tasks/ from /api/tasks (404): so does the contract.
      ignoreTrailingSlashes: false,
      ajvOpts: { allErrors: true },
      customizeAjv: (ajv) => addFormats.default(ajv),
    });
    await api.init();
    return new OpenApiContract(api);
  }

  /** What is wrong with the response, in words; empty when the document describes it. */
  check(response: ObservedResponse): string[] {
    const { pathname } = new URL(response.url);
    const method = response.method.toUpperCase();
    if (TRANSPORT_REFUSALS[response.status]) {
      return this.checkProblem(response);
    }
    const operation = this.api.router.matchOperation({ method, path: pathname, headers: {} });
    if (!operation) {
      const route = this.undocumented.find((candidate) => candidate.matches(method, pathname));
      return route?.check?.(response) ?? [];
    }
    return this.checkOperation(operation, response);
  }

  private checkOperation(operation: Operation, response: ObservedResponse): string[] {
    const responses = operation.responses as Record<string, OpenAPIV3.ResponseObject>;
    const documented =
      responses[String(response.status)] ?? responses[`${Math.floor(response.status / 100)}XX`] ?? responses.default;
    if (!documented) {
      return [`status ${response.status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    }
    return [...this.checkHeaders(operation, documented, response), ...this.checkBody(operation, documented, response)];
  }

  private checkBody(operation: Operation, documented: OpenAPIV3.ResponseObject, response: ObservedResponse): string[] {
    const mediaType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const content = documented.content ?? {};
    if (response.body === '') {
      return Object.keys(content).length ? [`has no body; the document promises ${Object.keys(content)}`] : [];
    }
    const media = content[mediaType];
    if (!media) {
      return [
        `answers ${mediaType || 'a body without a media type'}; documented: ${Object.keys(content).join(', ') || 'no body'}`,
      ];
    }
    if (!media.schema) return [];
    const body = parseJson(response.body);
    if (body === undefined) return ['has a body that is not JSON'];
    const validate = this.compile(`${operation.operationId} ${response.status} ${mediaType}`, media.schema);
    return validate(body) ? [] : describe('body', validate.errors);
  }

  private checkHeaders(
    operation: Operation,
    documented: OpenAPIV3.ResponseObject,
    response: ObservedResponse,
  ): string[] {
    const problems: string[] = [];
    const headers = Object.fromEntries(
      Object.entries(documented.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
    ) as Record<string, OpenAPIV3.HeaderObject>;
    for (const [name, header] of Object.entries(headers)) {
      const value = response.headers[name];
      if (value === undefined) {
        if (header.required) problems.push(`lacks the required header ${name}`);
        continue;
      }
      const validate = this.compile(`${operation.operationId} ${response.status} header ${name}`, header.schema!, true);
      for (const item of ([] as string[]).concat(value)) {
        if (!validate(item)) problems.push(...describe(`header ${name}`, validate.errors));
      }
    }
    for (const name of Object.keys(response.headers)) {
      if (!headers[name] && !UNDOCUMENTED_HEADERS[name]) problems.push(`carries the undocumented header ${name}`);
    }
    return problems;
  }

  private checkProblem(response: ObservedResponse): string[] {
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0];
    if (mediaType !== 'application/problem+json') return [`answers ${mediaType || 'no media type'}, not problem+json`];
    const schema = (this.api.definition as OpenAPIV3.Document).components!.schemas!.ProblemDetailsDto;
    const validate = this.compile('ProblemDetailsDto', schema);
    return validate(parseJson(response.body)) ? [] : describe('problem', validate.errors);
  }

  private compile(key: string, schema: object, header = false): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = (header ? this.headers : this.bodies).compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function describe(what: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return `${what}${error.instancePath} ${error.message ?? 'is invalid'}${extra ? ` (${extra})` : ''}`;
  });
}
