import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REPLAYED_HEADER } from './idempotency-key.js';
import { OPENAPI_IDEMPOTENT_EXTENSION } from './idempotent.decorator.js';

type Response = { description?: string; headers?: Record<string, unknown>; content?: unknown };

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
};

/**
 * Adds to each @Idempotent operation what the key can answer: `Idempotency-Replayed` on its
 * success, the in-flight case on its 409 (next to any 409 the operation already had) with
 * Retry-After, the 422, and the key's own 400. Done on the document rather than with response
 * decorators, which replace a status's entry instead of merging into it.
 */
export function documentIdempotency(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Record<string, unknown>>)) {
      if (typeof operation !== 'object' || !operation?.[OPENAPI_IDEMPOTENT_EXTENSION]) continue;
      delete operation[OPENAPI_IDEMPOTENT_EXTENSION];
      const responses = (operation.responses ?? {}) as Record<string, Response>;
      for (const [status, response] of Object.entries(responses)) {
        if (!status.startsWith('2')) continue;
        response.headers = {
          ...response.headers,
          [IDEMPOTENCY_REPLAYED_HEADER]: {
            description: `\`true\` when this is the kept answer to an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}: nothing new was created. Absent otherwise.`,
            required: false,
            schema: { type: 'string', enum: ['true'] },
          },
        };
      }
      const inFlight = `A request with the same ${IDEMPOTENCY_KEY_HEADER} is still being processed: retry after \`Retry-After\` seconds to get its answer.`;
      const conflict = responses['409'];
      responses['409'] = {
        ...conflict,
        description: conflict?.description ? `${conflict.description} Or: ${inFlight}` : inFlight,
        headers: {
          ...conflict?.headers,
          'Retry-After': {
            description: 'With an Idempotency-Key still in flight: seconds to wait before retrying.',
            required: false,
            schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 60 },
          },
        },
        content: conflict?.content ?? problemContent,
      };
      responses['422'] = {
        description: `The ${IDEMPOTENCY_KEY_HEADER} was used in the last 24 hours for a request with another body or on another route.`,
        content: problemContent,
      };
      const invalid = responses['400'];
      const badKey = `An ${IDEMPOTENCY_KEY_HEADER} that is not 1 to 255 printable ASCII characters, or given twice.`;
      responses['400'] = {
        ...invalid,
        description: invalid?.description
          ? `${invalid.description} Or: ${badKey.charAt(0).toLowerCase()}${badKey.slice(1)}`
          : badKey,
        content: invalid?.content ?? problemContent,
      };
    }
  }
}
