import { describe, expect, it } from '@jest/globals';
import { loggableHeaders } from './logging.module.js';

describe('loggableHeaders', () => {
  it('says that credential headers were sent, never what they held', () => {
    const logged = loggableHeaders({
      authorization: 'Bearer eyJ.secret.jwt',
      cookie: 'better-auth.session_token=secret',
      'set-auth-token': 'secret-session-token',
      referer: 'https://web.test/reset-password?token=secret',
    });
    expect(logged).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'set-auth-token': '[redacted]',
      referer: '[redacted]',
    });
  });

  it('copies only the allow-listed headers: an unknown one (a custom token header) is left out', () => {
    expect(
      loggableHeaders({ host: 'api.test', 'user-agent': 'curl', 'x-api-key': 'secret', 'x-verification-token': 's' }),
    ).toEqual({ host: 'api.test', 'user-agent': 'curl' });
  });
});
