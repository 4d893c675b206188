import { describe, expect, it } from 'vitest';
import { applicationType, parseRedirectUris, redirectUrisProblem } from './redirect-uris';

describe('redirect URIs of a developer app', () => {
  it('reads one a line, trimmed, without blanks or repeats', () => {
    expect(parseRedirectUris(' https://a.example/cb \n\nhttps://a.example/cb\nhttp://127.0.0.1:8765/cb\n')).toEqual([
      'https://a.example/cb',
      'http://127.0.0.1:8765/cb',
    ]);
  });

  it('accepts https anywhere and http on loopback only', () => {
    expect(
      redirectUrisProblem(['https://a.example/cb', 'http://localhost:3000/cb', 'http://[::1]/cb']),
    ).toBeUndefined();
    expect(redirectUrisProblem(['http://a.example/cb'])).toMatch(/must use https/);
    // An address literal that is not loopback (documentation range: pure data, nothing connects).
    expect(redirectUrisProblem(['http://192.0.2.10/cb'])).toMatch(/must use https/);
  });

  it('refuses fragments, credentials, relative addresses, none and too many', () => {
    expect(redirectUrisProblem(['https://a.example/cb#x'])).toMatch(/fragment/);
    expect(redirectUrisProblem(['https://user:pw@a.example/cb'])).toMatch(/user name or password/);
    expect(redirectUrisProblem(['/callback'])).toMatch(/not a full address/);
    expect(redirectUrisProblem([])).toBe('Enter at least one redirect URI.');
    expect(redirectUrisProblem(Array.from({ length: 11 }, (_, i) => `https://a.example/${i}`))).toMatch(/at most 10/);
  });

  it('calls an app with a loopback address native, otherwise web', () => {
    expect(applicationType(['https://a.example/cb'])).toBe('web');
    expect(applicationType(['https://a.example/cb', 'http://127.0.0.1:9/cb'])).toBe('native');
  });
});
