import { UnauthorizedException } from '@nestjs/common';

/**
 * A 401 carrying the RFC 6750 challenge. Without any token the challenge names only the realm;
 * with a bad one it says `invalid_token` (the description stays generic: no oracle for forgers).
 */
export class BearerChallengeException extends UnauthorizedException {
  readonly headers: Record<string, string>;

  constructor(tokenPresented: boolean) {
    super(tokenPresented ? 'The access token is invalid or has expired.' : 'An access token is required.');
    this.headers = {
      'WWW-Authenticate': tokenPresented
        ? 'Bearer realm="taskvault", error="invalid_token", error_description="The access token is invalid or has expired"'
        : 'Bearer realm="taskvault"',
    };
  }
}
