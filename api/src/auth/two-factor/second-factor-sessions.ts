import { deleteSessionCookie } from 'better-auth/cookies';
import type { AuthHookContext } from '../auth-hook-context.js';

/**
 * Routes that sign a browser in by something other than the password and the second factor.
 * Better Auth's two-factor hook covers the password sign-ins only; `autoSignInAfterVerification`
 * lets a mailed verification link sign in too, and the mailbox is not a second factor.
 */
const SIGN_IN_WITHOUT_SECOND_FACTOR = new Set(['/verify-email']);

/**
 * After such a route: when it created a session for an account with two-factor sign-in on, the
 * session is deleted and its cookie cleared, as Better Auth's own hook does for the password
 * step. The route's work (the address confirmed) stands; signing in takes the password and a code.
 * Runs before the plugins' hooks, so the bearer plugin sees the cleared cookie and names no token.
 */
export async function withholdSessionWithoutSecondFactor(ctx: AuthHookContext): Promise<void> {
  if (!SIGN_IN_WITHOUT_SECOND_FACTOR.has(ctx.path)) return;
  const created = ctx.context.newSession;
  if (!created) return;
  // The stored row decides, not the user object the route carried along.
  const user = (await ctx.context.internalAdapter.findUserById(created.session.userId)) as {
    twoFactorEnabled?: boolean | null;
  } | null;
  if (!user?.twoFactorEnabled) return;
  deleteSessionCookie(ctx, true);
  await ctx.context.internalAdapter.deleteSession(created.session.token);
  ctx.context.setNewSession(null);
}
