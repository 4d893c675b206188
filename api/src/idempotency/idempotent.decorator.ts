import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency-key.js';
import { IdempotencyGuard } from './idempotency.guard.js';

/** Marks the operation for documentIdempotency, which adds its answers to the document. */
export const OPENAPI_IDEMPOTENT_EXTENSION = 'x-idempotent';

/**
 * Makes a creating POST safe to retry with `Idempotency-Key` (see IdempotencyGuard and keepIdempotentAnswers), and
 * documents the header; the 409, 422 and `Idempotency-Replayed` are added by documentIdempotency.
 */
export function Idempotent() {
  return applyDecorators(
    UseGuards(IdempotencyGuard),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes the request safe to retry (IETF httpapi Idempotency-Key draft): a unique value per ' +
        'request, e.g. a UUID, 1 to 255 printable ASCII characters. The first request with a key is ' +
        'processed and its successful answer kept for 24 hours, per user; the same request again ' +
        '(same route, same JSON body) gets that answer with `Idempotency-Replayed: true` and creates ' +
        'nothing. The key with another body or route → 422; while the first request is still being ' +
        'processed → 409. An error answer is not kept: the key may be used again.',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: '^[ -~]+$' },
    }),
    ApiExtension(OPENAPI_IDEMPOTENT_EXTENSION, true),
  );
}
