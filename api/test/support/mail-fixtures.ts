import request from 'supertest';
import { expect } from '@jest/globals';
import type { CapturedMail } from '../../src/mail/local-mailbox.js';

/** The one link of a mail (its text part), as a person would click it. */
export function linkIn(mail: CapturedMail): URL {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  return new URL(links[0]!);
}

/** GET a link of the API without following the redirect; the path and query are what matter. */
export async function follow(baseUrl: string, link: URL) {
  return request(baseUrl).get(`${link.pathname}${link.search}`).redirects(0);
}

/** Polls for at most a second: the contract's bound on JWT revocation. */
export async function expectJwtRefusedWithinASecond(baseUrl: string, jwt: string): Promise<void> {
  const me = () => request(baseUrl).get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
  const started = Date.now();
  let status = (await me()).status;
  while (status === 200 && Date.now() - started < 1000) status = (await me()).status;
  expect(status).toBe(401);
}
