import { list, object, type OAuthField } from '../oauth/oauth-input-limits.js';

/**
 * The WebAuthn responses a browser sends (`RegistrationResponseJSON`, `AuthenticationResponseJSON`
 * of the WebAuthn spec, as @simplewebauthn/browser serializes them), bounded before Better Auth's
 * plugin — which takes `response` as any JSON — parses them. Sizes leave room for real
 * authenticators: credential ids are at most 1,023 bytes, an attestation with certificates a few KB.
 */
const base64url = (maxLength: number): OAuthField => ({
  schema: { type: 'string', minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$' },
  refuse: (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length === 0 || value.length > maxLength) return `must be 1 to ${maxLength} characters`;
    return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? undefined : 'must be base64url';
  },
});

const oneOf = (values: string[]): OAuthField => ({
  schema: { type: 'string', enum: values },
  refuse: (value) =>
    typeof value === 'string' && values.includes(value) ? undefined : `must be one of ${values.join(', ')}`,
});

const algorithm: OAuthField = {
  schema: {
    type: 'integer',
    format: 'int32',
    minimum: -65536,
    maximum: 65535,
    description: 'A COSE algorithm (-7 is ES256).',
  },
  refuse: (value) =>
    Number.isInteger(value) && (value as number) >= -65536 && (value as number) <= 65535
      ? undefined
      : 'must be a COSE algorithm number',
};

/** Extension outputs; Taskvault asks for none, a browser may still report `credProps`. */
const extensionResults: OAuthField = {
  schema: { type: 'object', maxProperties: 10, description: 'Client extension outputs (none are used).' },
  refuse: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
    return JSON.stringify(value).length > 1024 ? 'must be at most 1024 characters of JSON' : undefined;
  },
};

const CREDENTIAL_ID_MAX = 1366;
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

const credential = (response: Record<string, OAuthField>): OAuthField =>
  object({
    id: base64url(CREDENTIAL_ID_MAX),
    rawId: base64url(CREDENTIAL_ID_MAX),
    type: oneOf(['public-key']),
    authenticatorAttachment: oneOf(['platform', 'cross-platform']),
    clientExtensionResults: extensionResults,
    response: object(response),
  });

export const REGISTRATION_RESPONSE: OAuthField = credential({
  clientDataJSON: base64url(4096),
  attestationObject: base64url(16384),
  authenticatorData: base64url(4096),
  transports: list(oneOf(TRANSPORTS), TRANSPORTS.length),
  publicKeyAlgorithm: algorithm,
  publicKey: base64url(2048),
});

export const AUTHENTICATION_RESPONSE: OAuthField = credential({
  clientDataJSON: base64url(4096),
  authenticatorData: base64url(4096),
  signature: base64url(1024),
  userHandle: base64url(128),
});

export const AUTHENTICATOR_ATTACHMENT = oneOf(['platform', 'cross-platform']);

/** Fields Taskvault reads that Better Auth's schema does not name, with their descriptions. */
export const PASSKEY_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA: Record<string, Record<string, string>> = {
  '/passkey/verify-registration': {
    password: "The account's password: adding a passkey needs it, a session alone is not enough.",
  },
};
