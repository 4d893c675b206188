export type AuthAction = 'sign-in' | 'second-step' | 'sign-up' | 'request' | 'reset';

export interface AuthFailure {
  status?: number;
  code?: string;
  retryAfterSeconds?: number;
  message?: string;
}

/** What to tell a person whose sign-in or sign-up was refused. */
export function describeAuthFailure(failure: AuthFailure, action: AuthAction): string {
  if (failure.status === 429) {
    const wait = failure.retryAfterSeconds;
    return wait
      ? `Too many attempts. Please try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`}.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  if (action === 'sign-in' && failure.status === 401) return 'Wrong email or password.';
  if (action === 'second-step' && failure.code === 'INVALID_TWO_FACTOR_COOKIE')
    return 'This sign-in took too long. Please start again with your password.';
  if (action === 'second-step' && (failure.status === 401 || failure.status === 400))
    return 'That code did not work. Check your authenticator app (or the backup code) and try again.';
  if (action === 'sign-in' && failure.code === 'EMAIL_NOT_VERIFIED')
    return 'Please confirm your email address first: use the link we mailed you, or send a new one below.';
  if (action === 'reset' && failure.code === 'INVALID_TOKEN')
    return 'This reset link has expired or was already used. Ask for a new one.';
  if (failure.code === 'PASSWORD_TOO_COMMON') return 'This password is too common and easy to guess. Choose another.';
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
  error: { status?: number; message?: string; code?: string } | null;
}>;

/**
 * Runs a Better Auth client call and turns a refusal into the sentence to show, reading
 * Retry-After from the response on the way. Resolves to undefined when the call succeeded.
 */
export async function attemptAuth(
  action: AuthAction,
  call: AuthCall,
  onRefused?: (failure: AuthFailure) => void,
): Promise<string | undefined> {
  let retryAfterSeconds: number | undefined;
  const { error } = await call({ onError: (context) => void (retryAfterSeconds = retryAfterOf(context.response)) });
  if (!error) return undefined;
  const failure = { status: error.status, code: error.code, retryAfterSeconds, message: error.message };
  onRefused?.(failure);
  return describeAuthFailure(failure, action);
}
