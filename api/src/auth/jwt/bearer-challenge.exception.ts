import { UnauthorizedException } from '@nestjs/common';

/** The answer to a request with no credential (also sent early, by anonymous-refusal.ts). */
export const CREDENTIAL_REQUIRED_DETAIL = 'An access token is required.';
export const CREDENTIAL_REQUIRED_CHALLENGE = 'Bearer realm="taskvault"';

/**
 * A 401 carrying the RFC 6750 challenge. Without any token the challenge names only the realm;
 * with a bad one it says `invalid_token` (the description stays generic: no oracle for forgers).
 */
export class BearerChallengeException extends UnauthorizedException {
  readonly headers: Record<string, string>;

  constructor(tokenPresented: boolean) {
    super(tokenPresented ? 'The access token is invalid or has expired.' : CREDENTIAL_REQUIRED_DETAIL);
    this.headers = {
      'WWW-Authenticate': tokenPresented
        ? 'Bearer realm="taskvault", error="invalid_token", error_description="The access token is invalid or has expired"'
        : CREDENTIAL_REQUIRED_CHALLENGE,
    };
  }
}
