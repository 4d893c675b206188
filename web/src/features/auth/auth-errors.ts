export interface AuthFailure {
  status?: number;
  retryAfterSeconds?: number;
  message?: string;
}

/** What to tell a person whose sign-in or sign-up was refused. */
export function describeAuthFailure(failure: AuthFailure, action: 'sign-in' | 'sign-up'): string {
  if (failure.status === 429) {
    const wait = failure.retryAfterSeconds;
    return wait
      ? `Too many attempts. Please try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`}.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  if (action === 'sign-in' && failure.status === 401) return 'Wrong email or password.';
  if (action === 'sign-up' && failure.status === 422)
    return 'An account with this email already exists. Sign in instead?';
  if (failure.status === 400 && failure.message) return failure.message;
  return 'Something went wrong. Please try again.';
}

/** Reads Retry-After from a refused response (better-fetch's onError context). */
export function retryAfterOf(response: Response | undefined): number | undefined {
  const value = Number(response?.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

type AuthCall = (options: { onError: (context: { response: Response }) => void }) => Promise<{
  error: { status?: number; message?: string } | null;
}>;

/**
 * Runs a Better Auth client call and turns a refusal into the sentence to show, reading
 * Retry-After from the response on the way. Resolves to undefined when the call succeeded.
 */
export async function attemptAuth(action: 'sign-in' | 'sign-up', call: AuthCall): Promise<string | undefined> {
  let retryAfterSeconds: number | undefined;
  const { error } = await call({ onError: (context) => void (retryAfterSeconds = retryAfterOf(context.response)) });
  return error
    ? describeAuthFailure({ status: error.status, retryAfterSeconds, message: error.message }, action)
    : undefined;
}
