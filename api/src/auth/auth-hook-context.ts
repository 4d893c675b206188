import type { createAuthMiddleware } from 'better-auth/api';

/** What a Better Auth `hooks.before`/`after` handler receives. */
export type AuthHookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
