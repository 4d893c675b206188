/** What Better Auth's two-factor routes answer when they refuse (better-fetch's `error`). */
export interface TwoFactorRefusal {
  status?: number;
  code?: string;
}

/** The sentence to show for a refused two-factor call. */
export function twoFactorProblem(refusal: TwoFactorRefusal): string {
  if (refusal.status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (refusal.code === 'INVALID_PASSWORD') return 'That password is not right.';
  if (refusal.code === 'INVALID_CODE' || refusal.status === 401)
    return 'That code did not work. Enter the newest code your authenticator app shows.';
  return 'Something went wrong. Please try again.';
}
