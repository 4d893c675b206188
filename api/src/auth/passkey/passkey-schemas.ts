import type { SchemaObject } from '@nestjs/swagger';
import { PASSKEY_NAME_MAX_LENGTH, PASSKEYS_PER_USER_MAX } from './passkey-limits.js';

/**
 * What the passkey plugin's routes answer (merged into the auth document). The WebAuthn options
 * are the spec's `PublicKeyCredentialCreationOptionsJSON` / `...RequestOptionsJSON`, which the
 * browser receives whole; only the fields a client relies on are spelled out.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid: SchemaObject = { type: 'string', format: 'uuid', minLength: 36, maxLength: 36 };
const instant: SchemaObject = { type: 'string', format: 'date-time', maxLength: 30 };
const base64url = (maxLength: number): SchemaObject => ({ type: 'string', maxLength, pattern: '^[A-Za-z0-9_-]+$' });
const TRANSPORT: SchemaObject = {
  type: 'string',
  enum: ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'],
};
const HINTS: SchemaObject = {
  type: 'array',
  maxItems: 3,
  items: { type: 'string', enum: ['security-key', 'client-device', 'hybrid'] },
};
const host: SchemaObject = { type: 'string', maxLength: 253, pattern: '^[A-Za-z0-9.-]+$' };
const credentialDescriptor: SchemaObject = {
  type: 'object',
  required: ['id', 'type'],
  properties: {
    id: base64url(1366),
    type: { type: 'string', enum: ['public-key'] },
    transports: { type: 'array', maxItems: 10, items: TRANSPORT },
  },
};
const credentialList: SchemaObject = { type: 'array', maxItems: PASSKEYS_PER_USER_MAX, items: credentialDescriptor };
const challenge = { ...base64url(128), description: 'Random, single use, valid 5 minutes.' };

export const PASSKEY_SCHEMAS: Record<string, SchemaObject> = {
  AuthPasskey: {
    type: 'object',
    required: ['id', 'name', 'userId', 'credentialID', 'counter', 'deviceType', 'backedUp', 'createdAt'],
    properties: {
      id: uuid,
      name: { type: 'string', maxLength: PASSKEY_NAME_MAX_LENGTH, nullable: true },
      userId: uuid,
      credentialID: base64url(1366),
      publicKey: {
        type: 'string',
        maxLength: 4096,
        pattern: '^[A-Za-z0-9+/]+={0,2}$',
        description: 'The credential public key (COSE, base64): public, verifies the passkey’s signatures.',
      },
      counter: {
        type: 'integer',
        format: 'int64',
        minimum: 0,
        maximum: 4294967295,
        description: 'The sign counter last seen; 0 for authenticators that keep none (most synced passkeys).',
      },
      deviceType: { type: 'string', enum: ['singleDevice', 'multiDevice'] },
      backedUp: { type: 'boolean', description: 'True for a synced passkey (password manager, platform account).' },
      transports: {
        type: 'string',
        maxLength: 100,
        pattern: '^[a-z-]*(,[a-z-]+)*$',
        nullable: true,
        description: 'Comma-separated, e.g. `internal,hybrid`.',
      },
      aaguid: {
        type: 'string',
        maxLength: 36,
        pattern: '^[0-9a-f-]{36}$',
        nullable: true,
        description: 'The authenticator model; zeros when withheld.',
      },
      createdAt: instant,
    },
  },
  AuthPasskeyList: {
    type: 'array',
    maxItems: PASSKEYS_PER_USER_MAX,
    description: `The caller's passkeys (at most ${PASSKEYS_PER_USER_MAX}).`,
    items: ref('AuthPasskey'),
  },
  AuthPasskeyUpdated: { type: 'object', required: ['passkey'], properties: { passkey: ref('AuthPasskey') } },
  AuthPasskeyDeleted: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'boolean', description: 'True: the passkey is gone and signs in no more.' } },
  },
  AuthPasskeySignedIn: {
    type: 'object',
    required: ['session', 'user'],
    properties: { session: ref('AuthSession'), user: ref('AuthUser') },
  },
  AuthPasskeyRegistrationOptions: {
    type: 'object',
    description:
      'WebAuthn `PublicKeyCredentialCreationOptionsJSON`: pass it to the browser (navigator.credentials.create).',
    required: ['challenge', 'rp', 'user', 'pubKeyCredParams'],
    properties: {
      challenge,
      rp: {
        type: 'object',
        required: ['name', 'id'],
        properties: {
          name: { type: 'string', enum: ['Taskvault'] },
          id: { ...host, description: 'The RP ID: the host of the API’s public URL.' },
        },
      },
      user: {
        type: 'object',
        required: ['id', 'name', 'displayName'],
        properties: {
          id: base64url(128),
          name: { type: 'string', format: 'email', maxLength: 254, description: 'The account’s email address.' },
          displayName: { type: 'string', format: 'email', maxLength: 254 },
        },
      },
      pubKeyCredParams: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['alg', 'type'],
          properties: {
            alg: { type: 'integer', format: 'int32', minimum: -65536, maximum: 65535 },
            type: { type: 'string', enum: ['public-key'] },
          },
        },
      },
      timeout: { type: 'integer', format: 'int32', minimum: 0, maximum: 600000 },
      excludeCredentials: credentialList,
      authenticatorSelection: { type: 'object' },
      attestation: { type: 'string', enum: ['none'] },
      extensions: { type: 'object' },
      hints: HINTS,
    },
  },
  AuthPasskeyAuthenticationOptions: {
    type: 'object',
    description:
      'WebAuthn `PublicKeyCredentialRequestOptionsJSON`: pass it to the browser (navigator.credentials.get).',
    required: ['challenge', 'rpId'],
    properties: {
      challenge,
      rpId: host,
      timeout: { type: 'integer', format: 'int32', minimum: 0, maximum: 600000 },
      allowCredentials: credentialList,
      userVerification: { type: 'string', enum: ['required', 'preferred', 'discouraged'] },
      extensions: { type: 'object' },
      hints: HINTS,
    },
  },
};
