import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto.js';

export const JWT_SECURITY_SCHEME = 'jwt';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The input is not valid: malformed JSON, a field of the wrong type or size, an unknown field, a bad id or query value.',
  401: 'No token, or a token that is malformed, forged, expired, of another issuer or audience, or whose session ended. Comes with `WWW-Authenticate: Bearer`.',
  403: 'Refused: the token lacks the scope the operation needs (`x-required-scopes`; `WWW-Authenticate: Bearer error="insufficient_scope"`), the operation needs the user’s session rather than a token, or the path names another user.',
  404: 'No such task for the caller: it does not exist or belongs to someone else.',
  409: 'The account already holds the most tasks it may keep (10,000): delete some before adding more.',
  412: 'If-Match names none of the task’s current ETag: it changed since it was read. Nothing was changed; read it again (GET) and decide.',
  413: 'The body is larger than 100 KiB.',
  429: 'Too many requests; `Retry-After` says how many seconds to wait.',
};

const HEADERS: Record<
  number,
  Record<string, { description: string; required: boolean; schema: Record<string, unknown> }>
> = {
  401: {
    'WWW-Authenticate': {
      description: 'RFC 6750 bearer challenge',
      required: true,
      schema: { type: 'string', maxLength: 512, pattern: '^Bearer ' },
    },
  },
  403: {
    'WWW-Authenticate': {
      description: 'With a missing scope: `Bearer error="insufficient_scope", scope="<the scope>"` (RFC 6750 §3.1)',
      required: false,
      schema: { type: 'string', maxLength: 512, pattern: '^Bearer ' },
    },
  },
  429: {
    'Retry-After': {
      description: 'Seconds to wait before retrying',
      required: true,
      schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
    },
  },
};

/** Documents the problem+json error responses a route can give. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        headers: HEADERS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
