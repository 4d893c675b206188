import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, jwtFor, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const tasksOf = (app: TestApp, jwt: string) =>
  fetch(`${app.baseUrl}/api/tasks`, { headers: { authorization: `Bearer ${jwt}` } }).then((r) => r.status);

// The multi-instance tests that run several apps in one process are only as good as this: each
// app checks JWTs with its own strategy (its own keys, issuer, revocation sets), not with the one
// the last app registered on passport's process-wide registry.
describe('two apps in one process, each on its own database', () => {
  let first: TestApp;
  let second: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp();
    alice = await createUser(first.baseUrl);
    bob = await createUser(second.baseUrl);
  });
  afterAll(async () => {
    await first.close();
    await second?.close();
  });

  it('each takes its own JWTs and refuses the other’s', async () => {
    expect(await tasksOf(first, alice.jwt)).toBe(200);
    expect(await tasksOf(second, bob.jwt)).toBe(200);
    expect(await tasksOf(first, bob.jwt)).toBe(401);
    expect(await tasksOf(second, alice.jwt)).toBe(401);
  });

  it('the first keeps verifying its JWTs once the second has stopped', async () => {
    await second.close();
    second = undefined as unknown as TestApp;
    expect(await tasksOf(first, await jwtFor(first.baseUrl, alice.sessionToken))).toBe(200);
  });
});
