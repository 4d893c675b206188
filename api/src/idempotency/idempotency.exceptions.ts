import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.js';

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
