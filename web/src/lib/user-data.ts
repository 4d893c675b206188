import { tokens } from './auth-client';

const forgetters = new Set<() => void>();

/**
 * Registers something to forget when the signed-in user changes. Parts loaded later, like the
 * signed-in pages' query cache, register themselves, so the sign-in page need not load them.
 */
export function forgetOnUserChange(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

/** On sign-in, sign-up and sign-out: nothing of the previous user (JWT, cached tasks) stays in the page. */
export function forgetUserData(): void {
  tokens.clear();
  for (const forget of forgetters) forget();
}
