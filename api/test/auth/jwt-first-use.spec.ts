import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the first requests with a brand-new signing key', () => {
  let api: TestApp;
  beforeAll(async () => {
    // A fresh deployment: no signing key exists until the first JWT is minted.
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('accepts fifty concurrent first requests with the first JWT ever minted', async () => {
    const user = await createUser(api.baseUrl);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${api.baseUrl}/api/users/me`, { headers: { Authorization: `Bearer ${user.jwt}` } }).then(
          (response) => response.status,
        ),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
  });
});
