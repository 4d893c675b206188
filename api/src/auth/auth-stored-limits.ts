import type { BetterAuthOptions } from 'better-auth';

/** Live sessions a user may hold; signing in once more ends the oldest. Bounds list-sessions. */
export const MAX_SESSIONS_PER_USER = 100;
/** A User-Agent is the client's to choose: stored (and shown in list-sessions) at most this long. */
export const USER_AGENT_MAX_LENGTH = 512;

/**
 * What Better Auth writes, bounded whichever route writes it (the HTTP limits in
 * auth-input-limits.ts refuse bad input first; these hold for every other path in):
 * - no profile image is ever stored: Taskvault shows none, so `image` stays null;
 * - a session's User-Agent is cut to USER_AGENT_MAX_LENGTH;
 * - a user keeps at most MAX_SESSIONS_PER_USER sessions: creating one more deletes the oldest,
 *   whose JWTs the revocation trigger then ends like a sign-out's. The database does it (the
 *   `session_trimmed` trigger, migration 1764000001830), in the insert's own statement.
 */
export function storedAuthLimits(): NonNullable<BetterAuthOptions['databaseHooks']> {
  return {
    user: {
      create: { before: async (user) => ({ data: { ...user, image: null } }) },
      update: {
        before: async (user) => {
          if (!('image' in user)) return;
          const { image: _image, ...rest } = user;
          return { data: rest };
        },
      },
    },
    session: {
      create: {
        before: async (session) => ({
          data: {
            ...session,
            userAgent: session.userAgent
              ? [...session.userAgent].slice(0, USER_AGENT_MAX_LENGTH).join('')
              : session.userAgent,
          },
        }),
      },
    },
  };
}
