import { passkey } from '@better-auth/passkey';
import { APIError } from 'better-auth/api';
import type { AppConfig } from '../../config/app-config.service.js';
import { confirmRegistration } from './passkey-route-policy.js';

/** The plugin's signed cookie naming a pending ceremony's challenge (5 minutes, single use). */
export const PASSKEY_CHALLENGE_COOKIE = 'better-auth-passkey';

/**
 * The relying party, from the configured public URL and web origins, never from the request:
 * Better Auth's plugin would otherwise take the expected origin from the request's own `Origin`
 * header, and the RP ID from the base URL. A browser scopes a passkey to the RP ID (the public
 * URL's host), and signs the page's origin into every response; both are checked on each ceremony.
 */
export function relyingPartyOf(config: AppConfig): { rpID: string; origin: string[] } {
  return { rpID: new URL(config.publicUrl).hostname, origin: config.webOrigins };
}

/**
 * Better Auth's passkey plugin (WebAuthn via @simplewebauthn/server) does the protocol: challenges
 * (random, stored server-side, named by a signed cookie, consumed on first use), attestation and
 * assertion checks (challenge, origin, RP ID hash, signature, sign counter), and sign-in through
 * the same session Better Auth creates for a password (so the same JWT path follows).
 *
 * Taskvault's policy on top: the authenticator must verify the user (PIN or biometrics), so a
 * passkey is two factors (something held, something known or been) and signs in on its own, also
 * when two-factor sign-in is on. The plugin asks for verification only as "preferred" and does not
 * require it; the hooks below refuse a ceremony whose UV flag is not set.
 */
export function passkeyPlugin(config: AppConfig) {
  return passkey({
    ...relyingPartyOf(config),
    rpName: 'Taskvault',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    advanced: { webAuthnChallengeCookie: PASSKEY_CHALLENGE_COOKIE },
    registration: {
      afterVerification: async ({ ctx, verification }) => {
        if (!verification.registrationInfo?.userVerified) throw userNotVerified();
        await confirmRegistration(ctx);
      },
    },
    authentication: {
      afterVerification: ({ verification }) => {
        if (!verification.authenticationInfo.userVerified) throw userNotVerified();
      },
    },
  });
}

function userNotVerified(): APIError {
  return new APIError('UNAUTHORIZED', {
    code: 'USER_VERIFICATION_REQUIRED',
    message: 'The authenticator did not verify you (PIN or biometrics): Taskvault requires it for passkeys',
  });
}
