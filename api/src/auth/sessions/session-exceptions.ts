import { ForbiddenException } from '@nestjs/common';

/** 403 for a JWT or a personal token on a route that needs the user's session itself. */
export class SessionRequiredException extends ForbiddenException {
  constructor() {
    super(
      'This route needs your signed-in session (the session cookie, or the session token as Bearer); a JWT or a personal access token cannot use it.',
    );
  }
}

/** 403 for a request whose cookie comes from a page of another origin (CSRF). */
export class UntrustedOriginException extends ForbiddenException {
  constructor() {
    super('A request made with the session cookie must come from the web app’s own origin.');
  }
}
