import type { SchemaObject } from '@nestjs/swagger';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, SESSION_TOKEN_MAX_LENGTH, URL_MAX_LENGTH } from '../auth-input-limits.js';
import { MAX_SESSIONS_PER_USER, USER_AGENT_MAX_LENGTH } from '../auth-stored-limits.js';
import { BACKUP_CODE_COUNT, BACKUP_CODE_PATTERN } from '../two-factor/two-factor.plugin.js';

/**
 * What Better Auth's routes answer, as Taskvault configures them. Better Auth's generator
 * describes its own defaults (an image string, a user where update-user answers a status, no
 * limits), so the answers are written here, and every response the tests receive is validated
 * against them: a Better Auth upgrade that changes an answer fails the tests.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid: SchemaObject = { type: 'string', format: 'uuid', minLength: 36, maxLength: 36 };
const instant: SchemaObject = { type: 'string', format: 'date-time', maxLength: 30 };
const sessionToken: SchemaObject = {
  type: 'string',
  maxLength: SESSION_TOKEN_MAX_LENGTH,
  pattern: '^[A-Za-z0-9]+$',
  description: 'The session token: send it as `Authorization: Bearer` to the session routes.',
};
const status = (description: string): SchemaObject => ({
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'boolean', description } },
});

const authUser: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'email', 'emailVerified', 'image', 'twoFactorEnabled', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    name: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH },
    email: { type: 'string', format: 'email', maxLength: EMAIL_MAX_LENGTH },
    emailVerified: { type: 'boolean' },
    image: {
      type: 'string',
      format: 'uri',
      maxLength: URL_MAX_LENGTH,
      nullable: true,
      description: 'Always null: Taskvault shows no profile pictures and lets no client set one.',
    },
    twoFactorEnabled: {
      type: 'boolean',
      nullable: true,
      description: 'True once two-factor sign-in is on (confirmed with a code); null or false when off.',
    },
    createdAt: instant,
    updatedAt: instant,
  },
};
const backupCodes: SchemaObject = {
  type: 'array',
  minItems: BACKUP_CODE_COUNT,
  maxItems: BACKUP_CODE_COUNT,
  description: 'Single-use backup codes, shown this once: each one finishes one sign-in instead of a TOTP code.',
  items: { type: 'string', minLength: 11, maxLength: 11, pattern: BACKUP_CODE_PATTERN },
};
const totpURI: SchemaObject = {
  type: 'string',
  maxLength: 1024,
  pattern: '^otpauth://totp/',
  description:
    'The otpauth URI for an authenticator app (as a QR code); its `secret` parameter is the secret as text (base32).',
};

export const AUTH_SCHEMAS: Record<string, SchemaObject> = {
  AuthUser: authUser,
  AuthSession: {
    type: 'object',
    required: ['id', 'token', 'userId', 'expiresAt', 'createdAt', 'updatedAt', 'ipAddress', 'userAgent'],
    properties: {
      id: uuid,
      token: sessionToken,
      userId: uuid,
      expiresAt: instant,
      createdAt: instant,
      updatedAt: instant,
      ipAddress: {
        type: 'string',
        maxLength: 45,
        nullable: true,
        description: 'The client address that created the session (see TRUST_PROXY).',
      },
      userAgent: {
        type: 'string',
        maxLength: USER_AGENT_MAX_LENGTH,
        nullable: true,
        description: `The client's User-Agent, cut to ${USER_AGENT_MAX_LENGTH} characters.`,
      },
    },
  },
  AuthSessionList: {
    type: 'array',
    maxItems: MAX_SESSIONS_PER_USER,
    description: `The caller's live sessions; at most ${MAX_SESSIONS_PER_USER}, a newer sign-in ends the oldest.`,
    items: ref('AuthSession'),
  },
  AuthError: {
    type: 'object',
    description: 'Better Auth’s error shape.',
    required: ['message'],
    properties: {
      code: { type: 'string', maxLength: 100, pattern: '^[A-Z0-9_]+$', example: 'INVALID_EMAIL_OR_PASSWORD' },
      message: { type: 'string', maxLength: 1000, example: 'Invalid email or password' },
    },
  },
  AuthSignUpResponse: {
    type: 'object',
    required: ['token', 'user'],
    properties: {
      token: {
        ...sessionToken,
        nullable: true,
        description:
          'The session token; null when EMAIL_VERIFICATION=required (no session until the address is verified).',
      },
      user: ref('AuthUser'),
    },
  },
  AuthSignInResponse: {
    description:
      'A session (`token`), or, when the account has two-factor sign-in on, "second factor required" ' +
      '(`twoFactorRedirect: true`): no session yet; finish with POST /api/auth/two-factor/verify-totp or ' +
      'verify-backup-code, sending back the `two_factor` cookie this answer sets.',
    oneOf: [ref('AuthSignedIn'), ref('AuthTwoFactorRequired')],
  },
  AuthTwoFactorRequired: {
    type: 'object',
    required: ['twoFactorRedirect', 'twoFactorMethods'],
    properties: {
      twoFactorRedirect: { type: 'boolean', enum: [true], description: 'A second factor is required.' },
      twoFactorMethods: {
        type: 'array',
        maxItems: 2,
        items: { type: 'string', enum: ['totp'] },
        description: 'The second factors on offer (a backup code is always accepted too).',
      },
    },
  },
  AuthTwoFactorEnableResponse: {
    type: 'object',
    description: 'Two-factor sign-in is on once a code from the app is confirmed with POST /two-factor/verify-totp.',
    required: ['method', 'totpURI', 'backupCodes'],
    properties: { method: { type: 'string', enum: ['totp'] }, totpURI, backupCodes },
  },
  AuthTotpUri: { type: 'object', required: ['totpURI'], properties: { totpURI } },
  AuthTwoFactorVerified: {
    type: 'object',
    required: ['token', 'user'],
    properties: {
      token: {
        ...sessionToken,
        description:
          'Sign-in: the new session token. Signed in (confirming the set-up): the session continues under a new ' +
          'token, given in Set-Auth-Token and the cookie; this field still names the old one.',
      },
      user: ref('AuthUser'),
    },
  },
  AuthBackupCodes: {
    type: 'object',
    required: ['status', 'backupCodes'],
    properties: {
      status: { type: 'boolean', enum: [true] },
      backupCodes: { ...backupCodes, description: 'The new codes; every earlier code no longer works.' },
    },
  },
  AuthTwoFactorDisabled: status('True: two-factor sign-in is off, its secret and backup codes deleted.'),
  AuthSignedIn: {
    type: 'object',
    required: ['redirect', 'token', 'user'],
    properties: {
      redirect: { type: 'boolean', description: 'True when a callbackURL was given: the client may go there.' },
      url: { type: 'string', format: 'uri-reference', maxLength: URL_MAX_LENGTH, description: 'The callbackURL.' },
      token: sessionToken,
      user: ref('AuthUser'),
    },
  },
  AuthSessionWithUser: {
    type: 'object',
    nullable: true,
    description: 'The current session and its user; null when the request carries no live session.',
    required: ['session', 'user'],
    properties: { session: ref('AuthSession'), user: ref('AuthUser') },
  },
  AuthToken: {
    type: 'object',
    required: ['token'],
    properties: {
      token: {
        type: 'string',
        maxLength: 4096,
        pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
        description: 'An ES256 JWT for the API’s own routes.',
      },
    },
  },
  AuthJsonWebKeySet: {
    type: 'object',
    required: ['keys'],
    properties: {
      keys: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['kid', 'kty', 'alg', 'crv', 'x', 'y'],
          properties: {
            kid: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' },
            kty: { type: 'string', enum: ['EC'] },
            alg: { type: 'string', enum: ['ES256'] },
            crv: { type: 'string', enum: ['P-256'] },
            x: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' },
            y: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' },
          },
        },
      },
    },
  },
  AuthChangePasswordResponse: {
    type: 'object',
    required: ['token', 'user'],
    properties: {
      token: {
        ...sessionToken,
        nullable: true,
        description: 'The new session token when revokeOtherSessions was true.',
      },
      user: ref('AuthUser'),
    },
  },
  AuthSignOutResponse: { type: 'object', required: ['success'], properties: { success: { type: 'boolean' } } },
  AuthUpdateUserResponse: status('True when the user was updated.'),
  AuthRevokeResponse: status('True once the sessions are ended (also when there was none to end).'),
  AuthStatusResponse: status(
    'True when the request was taken (for a verification mail: whether or not the address has an account).',
  ),
  AuthPasswordResetRequested: {
    type: 'object',
    description:
      'The same answer whether or not the address has an account: the lookup and the mail happen later, off the request.',
    required: ['status', 'message'],
    properties: {
      status: { type: 'boolean' },
      message: {
        type: 'string',
        maxLength: 200,
        example: 'If this email exists in our system, check your email for the reset link',
      },
    },
  },
  AuthEmailVerified: {
    type: 'object',
    required: ['status', 'user'],
    properties: {
      status: { type: 'boolean', description: 'True: the address is verified (or the new address confirmed).' },
      user: {
        ...authUser,
        nullable: true,
        description: 'The user after a change of address; null after a sign-up verification.',
      },
    },
  },
  AuthChangeEmailResponse: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'boolean', description: 'True: a confirmation link is on its way to the new address.' },
      message: { type: 'string', enum: ['Verification email sent', 'Email updated'], nullable: true },
      user: ref('AuthUser'),
    },
  },
  AuthDeleteUserResponse: {
    type: 'object',
    required: ['success', 'message'],
    properties: {
      success: { type: 'boolean' },
      message: { type: 'string', enum: ['User deleted'] },
    },
  },
};
