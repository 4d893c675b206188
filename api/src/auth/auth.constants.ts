/** Injection token of the Better Auth instance. */
export const BETTER_AUTH = Symbol('BETTER_AUTH');
/** Set by BetterAuthController from Fastify's request.ip (which honours TRUST_PROXY); never from the client. */
export const CLIENT_IP_HEADER = 'x-taskvault-client-ip';
