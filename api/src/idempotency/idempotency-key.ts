import { BadRequestException } from '@nestjs/common';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** Printable ASCII (space to tilde), 1 to 255 of them: the contract's key (IETF httpapi draft). */
const KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * The request's key, validated, or a 400. The value is taken as sent (Node trims the spaces
 * around it): a client retries with the same bytes, so `"abc"` and `abc` are two keys. The
 * header given twice is refused rather than read as Node's comma-joined pair.
 */
export function idempotencyKeyOf(value: string | string[], rawHeaders: readonly string[]): string {
  if (typeof value !== 'string' || countOf(rawHeaders) > 1) {
    throw new BadRequestException(`Send one ${IDEMPOTENCY_KEY_HEADER} header, not several.`);
  }
  if (!KEY.test(value)) {
    throw new BadRequestException(
      `${IDEMPOTENCY_KEY_HEADER} must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters.`,
    );
  }
  return value;
}

/** rawHeaders alternates names and values, names in the case the client sent. */
function countOf(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === 15 && rawHeaders[i].toLowerCase() === 'idempotency-key') count++;
  }
  return count;
}
