import { ConflictException, HttpException, UnprocessableEntityException } from '@nestjs/common';
import type { OwnShapeException } from '../common/problem-details/problem-details.filter.js';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REPLAYED_HEADER } from './idempotency-key.js';
import type { StoredResponse } from './idempotency.repository.js';

/** 409: the first request with this key has not finished; Retry-After says when it will have, at the latest. */
export class IdempotencyKeyInFlightException extends ConflictException {
  readonly headers: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    super(
      `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed. Retry after ${retryAfterSeconds} seconds to get its answer.`,
    );
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

/** 422 (the draft's answer): the key was used for another request. */
export class IdempotencyKeyReusedException extends UnprocessableEntityException {
  constructor() {
    super(
      `This ${IDEMPOTENCY_KEY_HEADER} was already used in the last 24 hours for a request with another body or on another route. Use a new key for a new request.`,
    );
  }
}

/**
 * The kept answer, given again: thrown by IdempotencyGuard so the route does not run, and sent by
 * ProblemDetailsFilter as it sends every answer of its own shape (OwnShapeException), with the
 * kept headers and `Idempotency-Replayed: true`. The body is the one first sent, parsed back: it
 * serialises to the same JSON.
 */
export class ReplayedAnswer extends HttpException implements OwnShapeException {
  readonly headers: Record<string, string>;
  readonly ownShape: { status: number; body: object };

  constructor(response: StoredResponse) {
    super('An earlier answer, replayed.', response.status);
    this.headers = { ...response.headers, [IDEMPOTENCY_REPLAYED_HEADER]: 'true' };
    this.ownShape = { status: response.status, body: JSON.parse(response.body) as object };
  }
}
