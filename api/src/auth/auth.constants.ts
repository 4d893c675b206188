/** Injection token of the Better Auth instance. */
export const BETTER_AUTH = Symbol('BETTER_AUTH');
