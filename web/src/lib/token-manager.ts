import { expiresAt } from './jwt';

/** Asks the auth server for a fresh JWT; resolves to null when the session itself is gone. */
export type FetchToken = () => Promise<string | null>;

export interface TokenManager {
  /** A JWT valid for a while longer, refreshed shortly before it expires. null: signed out. */
  getToken(): Promise<string | null>;
  /** A new JWT, whatever the current one says (after the API refused it). */
  refresh(): Promise<string | null>;
  clear(): void;
}

/**
 * Keeps the JWT in memory only (never in storage a script could read later). Refreshes it
 * 30 seconds, or a fifth of its lifetime if that is shorter, before `exp`; concurrent callers
 * share one refresh.
 */
export function createTokenManager(fetchToken: FetchToken, now: () => number = Date.now): TokenManager {
  let token: string | null = null;
  let refreshAt = 0;
  let inFlight: Promise<string | null> | null = null;

  const refresh = () => {
    inFlight ??= fetchToken()
      .then((fresh) => {
        token = fresh;
        const expiry = fresh ? expiresAt(fresh) : undefined;
        const issuedAt = now();
        const lifetime = expiry ? expiry - issuedAt : 0;
        refreshAt = expiry ? expiry - Math.min(30_000, lifetime / 5) : 0;
        return fresh;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    getToken: () => (token && now() < refreshAt ? Promise.resolve(token) : refresh()),
    refresh,
    clear: () => {
      token = null;
      refreshAt = 0;
    },
  };
}
