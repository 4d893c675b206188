import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { uniqueEmail } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('user journey', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('signs up, signs in, gets a JWT, calls the API, signs out, and the same JWT is refused', async () => {
    const http = request(api.baseUrl);
    const email = uniqueEmail('journey');
    await http
      .post('/api/auth/sign-up/email')
      .send({ name: 'Journey', email, password: 'journey-password' })
      .expect(200);

    const signIn = await http.post('/api/auth/sign-in/email').send({ email, password: 'journey-password' }).expect(200);
    const sessionToken: string = signIn.body.token;

    const token = await http.get('/api/auth/token').set('Authorization', `Bearer ${sessionToken}`).expect(200);
    const jwt: string = token.body.token;

    const me = await http.get('/api/users/me').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(me.body).toMatchObject({ email, name: 'Journey' });

    await http.post('/api/auth/sign-out').set('Authorization', `Bearer ${sessionToken}`).expect(200);

    const refused = await http.get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
