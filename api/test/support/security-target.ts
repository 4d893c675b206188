import { type ApiProcess, startApiProcess } from './api-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const SECURITY_ISSUER = 'https://api.taskvault.test';
export const SECURITY_AUDIENCE = 'taskvault-api';
export const SECURITY_WEB_ORIGIN = 'https://web.taskvault.test';

export interface SecurityTarget {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The attack suite's target: the compiled API as its own process (production mode), on its own
 * database, reached only over HTTP. Tests hold the database URL and the secret only to forge
 * tokens with the real key, which an attacker cannot do.
 */
export async function startSecurityTarget(env: Record<string, string> = {}): Promise<SecurityTarget> {
  const database: TestDatabase = await createTestDatabase();
  const api: ApiProcess = await startApiProcess({
    DATABASE_URL: database.url,
    API_PUBLIC_URL: SECURITY_ISSUER,
    JWT_AUDIENCE: SECURITY_AUDIENCE,
    WEB_ORIGINS: SECURITY_WEB_ORIGIN,
    SIGN_UP_IP_LIMIT: '100000',
    SIGN_IN_IP_LIMIT: '100000',
    AUTH_IP_LIMIT: '100000',
    API_RATE_LIMIT: '100000',
    ...env,
  });
  return {
    baseUrl: api.baseUrl,
    databaseUrl: database.url,
    stop: async () => {
      await api.stop();
      await database.drop();
    },
  };
}
