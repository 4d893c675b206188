import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BetterAuth } from '../better-auth.factory.js';
import { JwksKeyStore, MIN_RELOAD_INTERVAL_MS } from './jwks-key-store.js';

function publicJwk(kid: string) {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256' };
}

/** Better Auth's JWKS as the store sees it: whatever keys are "in the database" right now. */
function fakeJwks() {
  const stored: object[] = [];
  let pending: Array<() => void> = [];
  const source = {
    reads: 0,
    /** While held, a read waits: it started, but has not answered yet. */
    hold: false,
    add: (kid: string) => stored.push(publicJwk(kid)),
    release: () => {
      source.hold = false;
      for (const resume of pending) resume();
      pending = [];
    },
    auth: {
      api: {
        getJwks: async () => {
          source.reads += 1;
          const snapshot = [...stored];
          if (source.hold) await new Promise<void>((resolve) => pending.push(resolve));
          return { keys: snapshot };
        },
      },
    } as unknown as BetterAuth,
  };
  return source;
}

describe('JwksKeyStore', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers fifty concurrent first requests with a brand-new key, from one JWKS read', async () => {
    const jwks = fakeJwks();
    const store = new JwksKeyStore(jwks.auth);
    // A fresh deployment: the first key appears in the database while the API runs.
    await jest.advanceTimersByTimeAsync(100);
    jwks.add('fresh');
    const readsBefore = jwks.reads;

    const keys = await Promise.all(Array.from({ length: 50 }, () => store.publicKeyFor('fresh')));

    expect(keys.every((key) => key?.asymmetricKeyType === 'ec')).toBe(true);
    expect(jwks.reads - readsBefore).toBe(1);
  });

  it('does not refuse a new key whose first request arrives while an older reload is still running', async () => {
    const jwks = fakeJwks();
    const store = new JwksKeyStore(jwks.auth);
    // A reload starts (a forged kid asked for it) before the new key is stored…
    jwks.hold = true;
    const forged = store.publicKeyFor('forged');
    await jest.advanceTimersByTimeAsync(MIN_RELOAD_INTERVAL_MS);
    // …then the key is created and a JWT signed with it arrives while that reload is running.
    jwks.add('rotated-in');
    const legitimate = store.publicKeyFor('rotated-in');
    jwks.release();
    await jest.advanceTimersByTimeAsync(MIN_RELOAD_INTERVAL_MS);

    expect(await legitimate).toBeDefined();
    expect(await forged).toBeUndefined();
  });

  it('costs at most one JWKS read per interval, however many forged kids arrive', async () => {
    const jwks = fakeJwks();
    jwks.add('real');
    const store = new JwksKeyStore(jwks.auth);
    const readsBefore = jwks.reads;

    const lookups: Array<Promise<unknown>> = [];
    const intervals = 5;
    for (let step = 0; step < intervals * 20; step++) {
      lookups.push(store.publicKeyFor(`forged-${step}`));
      await jest.advanceTimersByTimeAsync(MIN_RELOAD_INTERVAL_MS / 20);
    }
    await jest.advanceTimersByTimeAsync(MIN_RELOAD_INTERVAL_MS);
    const answers = await Promise.all(lookups);

    expect(answers.every((key) => key === undefined)).toBe(true);
    expect(jwks.reads - readsBefore).toBeLessThanOrEqual(intervals + 1);
    expect(await store.publicKeyFor('real')).toBeDefined();
  });
});
