import { describe, expect, it, vi } from 'vitest';
import { fakeJwt } from '../testing/jwt';
import { createTokenManager } from './token-manager';

describe('createTokenManager', () => {
  it('fetches a token once and reuses it while it is fresh', async () => {
    let now = 1_000_000;
    const fetchToken = vi.fn(async () => fakeJwt(now / 1000 + 900));
    const tokens = createTokenManager(fetchToken, () => now);
    const first = await tokens.getToken();
    now += 60_000;
    expect(await tokens.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes shortly before the token expires', async () => {
    let now = 1_000_000;
    let serial = 0;
    const fetchToken = vi.fn(async () => fakeJwt(now / 1000 + 900, `user-${++serial}`));
    const tokens = createTokenManager(fetchToken, () => now);
    const first = await tokens.getToken();
    now += 875_000; // 25 s before exp: inside the 30 s margin
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('uses a fifth of the lifetime as the margin for short-lived tokens', async () => {
    let now = 1_000_000;
    const fetchToken = vi.fn(async () => fakeJwt(now / 1000 + 10));
    const tokens = createTokenManager(fetchToken, () => now);
    await tokens.getToken();
    now += 7_000; // 3 s left of 10: still fresh (margin 2 s)
    await tokens.getToken();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    now += 1_500; // 1.5 s left: refresh
    await tokens.getToken();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('shares one refresh between concurrent callers', async () => {
    let release!: (token: string) => void;
    const fetchToken = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const tokens = createTokenManager(fetchToken);
    const calls = [tokens.getToken(), tokens.refresh(), tokens.getToken()];
    release(fakeJwt(Date.now() / 1000 + 900));
    const results = await Promise.all(calls);
    expect(new Set(results).size).toBe(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('answers null when the session is gone, and asks again next time', async () => {
    const fetchToken = vi.fn(async () => null);
    const tokens = createTokenManager(fetchToken);
    expect(await tokens.getToken()).toBeNull();
    expect(await tokens.getToken()).toBeNull();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });
});
