import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from '@simplewebauthn/browser';
import type { components } from '../../../lib/api/schema';
import { authClient } from '../../../lib/auth-client';

export type Passkey = components['schemas']['AuthPasskey'];
type RegistrationOptions = components['schemas']['AuthPasskeyRegistrationOptions'];

/** How a passkey call ended: done, the person closed the browser's prompt, or refused with a reason. */
export type PasskeyOutcome = { ok: true } | { ok: false; cancelled: boolean; message: string };

interface AuthError {
  status?: number;
  code?: string;
  message?: string;
}

/**
 * The browser's prompt was closed or timed out: WebAuthn reports NotAllowedError (also for "no
 * passkey here") or AbortError; @simplewebauthn wraps them, Better Auth's client names them
 * AUTH_CANCELLED or a WebAuthn code.
 */
export function isCancelled(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, cause } = error as { name?: string; code?: string; cause?: unknown };
  if (name === 'NotAllowedError' || name === 'AbortError') return true;
  if (code === 'AUTH_CANCELLED' || code === 'ERROR_CEREMONY_ABORTED') return true;
  // Better Auth's sign-in keeps only the WebAuthn error's code: any but "already registered" is the prompt's end.
  if (code?.startsWith('ERROR_') && code !== 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return true;
  return cause !== undefined && isCancelled(cause);
}

const MESSAGES: Record<string, string> = {
  INVALID_PASSWORD: 'That password is not right. Try again.',
  PASSWORD_REQUIRED: 'Enter your password to add a passkey.',
  TOO_MANY_PASSKEYS: 'You have the most passkeys an account can hold. Remove one first.',
  SESSION_NOT_FRESH: 'For your safety, sign in again before adding a passkey.',
  USER_VERIFICATION_REQUIRED: 'Your device must check it is you (PIN, fingerprint or face) to use a passkey.',
  PASSKEY_NOT_FOUND: 'This passkey is not known here. It may have been removed from your account.',
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: 'This device already holds a passkey for your account.',
};

function refused(error: AuthError): PasskeyOutcome {
  if (isCancelled(error)) return { ok: false, cancelled: true, message: 'Cancelled: nothing was changed.' };
  if (error.status === 429) return { ok: false, cancelled: false, message: 'Too many attempts. Please wait a moment.' };
  const known = error.code ? MESSAGES[error.code] : undefined;
  return { ok: false, cancelled: false, message: known ?? 'That did not work. Please try again.' };
}

/**
 * Adds a passkey: options from the server, the browser's prompt, then the response with the
 * account's password, which Taskvault requires (a session alone cannot add one). Written here
 * rather than with the plugin client's addPasskey, whose request body cannot carry the password.
 */
export async function addPasskey(name: string, password: string): Promise<PasskeyOutcome> {
  const options = await authClient.$fetch<RegistrationOptions>('/passkey/generate-register-options', { method: 'GET' });
  if (options.error) return refused(options.error);
  let credential;
  try {
    credential = await startRegistration({
      optionsJSON: options.data as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
  } catch (error) {
    return refused(error as AuthError);
  }
  const { clientExtensionResults: _unused, ...response } = credential;
  const verified = await authClient.$fetch('/passkey/verify-registration', {
    method: 'POST',
    body: { response, name, password },
  });
  if (!verified.error) return { ok: true };
  // The device made the passkey before the server refused it (a wrong password, say): tell it to drop it.
  await forgetCredential(options.data.rp.id, credential.id);
  return refused(verified.error);
}

type SignalApi = { signalUnknownCredential?: (credential: { rpId: string; credentialId: string }) => Promise<void> };

/**
 * The WebAuthn Signal API: the device or password manager removes a passkey the server does not
 * hold, so no dead "Taskvault" passkey is left on it. Where a browser lacks the API, nothing happens.
 */
async function forgetCredential(rpId: string, credentialId: string): Promise<void> {
  if (typeof PublicKeyCredential === 'undefined') return;
  const api = PublicKeyCredential as unknown as SignalApi;
  await api.signalUnknownCredential?.({ rpId, credentialId }).catch(() => undefined);
}

/** Signs in with a passkey the browser offers (no email, no password): Better Auth's client does the ceremony. */
export async function signInWithPasskey(): Promise<PasskeyOutcome> {
  const { error } = await authClient.signIn.passkey();
  return error ? refused(error) : { ok: true };
}

export async function listPasskeys(): Promise<Passkey[]> {
  const { data, error } = await authClient.$fetch<Passkey[]>('/passkey/list-user-passkeys', { method: 'GET' });
  if (error) throw new Error('Could not load your passkeys.');
  return data;
}

export async function renamePasskey(id: string, name: string): Promise<PasskeyOutcome> {
  const { error } = await authClient.passkey.updatePasskey({ id, name });
  return error ? refused(error) : { ok: true };
}

export async function removePasskey(id: string): Promise<PasskeyOutcome> {
  const { error } = await authClient.passkey.deletePasskey({ id });
  return error ? refused(error) : { ok: true };
}
