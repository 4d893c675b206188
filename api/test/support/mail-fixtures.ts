import request from 'supertest';
import { expect } from '@jest/globals';
import type { CapturedMail } from '../../src/mail/local-mailbox.js';

/** The one link of a mail (its text part), as a person would click it. */
export function linkIn(mail: CapturedMail): URL {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  return new URL(links[0]!);
}

/**
 * The token of a mailed link: it opens a page of the web app with the token in the fragment
 * (`#token=…`), never in the path or query a server would see.
 */
export function tokenIn(link: URL, page: '/reset-password' | '/email-verified'): string {
  expect(link.pathname).toBe(page);
  expect(link.search).toBe('');
  const token = new URLSearchParams(link.hash.slice(1)).get('token');
  expect(token).toBeTruthy();
  return token!;
}

/** What the web app's /email-verified page does with a mailed link: the token in its header. */
export function verifyEmail(baseUrl: string, link: URL) {
  return request(baseUrl).get('/api/auth/verify-email').set('Verification-Token', tokenIn(link, '/email-verified'));
}

/** Polls for at most a second: the contract's bound on JWT revocation. */
export async function expectJwtRefusedWithinASecond(baseUrl: string, jwt: string): Promise<void> {
  const me = () => request(baseUrl).get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
  const started = Date.now();
  let status = (await me()).status;
  while (status === 200 && Date.now() - started < 1000) status = (await me()).status;
  expect(status).toBe(401);
}
