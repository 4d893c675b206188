import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app.js';
import type { WebhooksModuleOptions } from '../../src/webhooks/webhooks.module.js';
import { validateEnvironment } from '../../src/config/environment.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** e.g. http://127.0.0.1:40123 — tests talk real HTTP to it. */
  baseUrl: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export const TEST_WEB_ORIGIN = 'http://localhost:5173';

/**
 * Boots the real app (all modules, real PostgreSQL, migrations run) listening on a free port.
 * Pass `database` to share one database between several instances, `options.webhooks` to give
 * the webhook worker a test network and clock.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  database?: TestDatabase,
  options: { webhooks?: WebhooksModuleOptions } = {},
): Promise<TestApp> {
  const owned = database ? undefined : await createTestDatabase();
  const databaseUrl = (database ?? owned)!.url;
  const environment = validateEnvironment({
    NODE_ENV: 'test',
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET,
    BCRYPT_COST: '4',
    LOG_LEVEL: 'silent',
    WEB_ORIGINS: TEST_WEB_ORIGIN,
    // Many sign-ups from one address are normal in tests; rate-limit tests set their own limits.
    SIGN_UP_IP_LIMIT: '100000',
    SIGN_IN_IP_LIMIT: '100000',
    AUTH_IP_LIMIT: '100000',
    API_RATE_LIMIT: '100000',
    ...overrides,
    DATABASE_URL: databaseUrl,
  });
  const app = await createApp(environment, options);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    close: async () => {
      await app.close();
      await owned?.drop();
    },
  };
}
