import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import canonicalize from 'canonicalize';

/**
 * SHA-256 of the body in its RFC 8785 canonical form (JCS: keys sorted, one spelling per
 * number and string), so a retry that serialises the same JSON differently — key order,
 * spacing, escapes — is the same request, and any change of a value is another. No body at all
 * counts as `null`.
 */
export function requestFingerprint(body: unknown): Buffer {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(body ?? null);
  } catch {
    // JSON.parse admits what JCS refuses: a string with a lone surrogate (no valid task has one).
    throw new BadRequestException('The request body holds a string that is not valid Unicode (a lone surrogate).');
  }
  return createHash('sha256')
    .update(canonical ?? 'null')
    .digest();
}
