import type { SchemaObject } from '@nestjs/swagger';
import { URL_MAX_LENGTH } from '../auth-input-limits.js';

const url: SchemaObject = { type: 'string', format: 'uri', maxLength: URL_MAX_LENGTH };
const words = (maxItems = 20): SchemaObject => ({
  type: 'array',
  maxItems,
  items: { type: 'string', maxLength: 100 },
});

export const AUTHORIZATION_SERVER_METADATA_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'issuer',
    'authorization_endpoint',
    'token_endpoint',
    'jwks_uri',
    'revocation_endpoint',
    'device_authorization_endpoint',
    'response_types_supported',
    'grant_types_supported',
    'code_challenge_methods_supported',
    'scopes_supported',
  ],
  properties: {
    issuer: url,
    authorization_endpoint: url,
    token_endpoint: url,
    jwks_uri: url,
    revocation_endpoint: url,
    device_authorization_endpoint: url,
    introspection_endpoint: url,
    registration_endpoint: url,
    scopes_supported: words(),
    response_types_supported: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['code'] } },
    response_modes_supported: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['query'] } },
    grant_types_supported: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'string',
        enum: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      },
    },
    code_challenge_methods_supported: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['S256'] } },
    authorization_response_iss_parameter_supported: { type: 'boolean', enum: [true] },
  },
  additionalProperties: {
    description: 'Further RFC 8414 fields Better Auth states (auth methods, signing algorithms).',
    oneOf: [{ type: 'string', maxLength: URL_MAX_LENGTH }, { type: 'boolean' }, words(30)],
  },
};

export const PROTECTED_RESOURCE_METADATA_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['resource', 'authorization_servers', 'scopes_supported', 'bearer_methods_supported'],
  properties: {
    resource: url,
    authorization_servers: { type: 'array', maxItems: 1, items: url },
    jwks_uri: url,
    scopes_supported: words(),
    bearer_methods_supported: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['header'] } },
    resource_signing_alg_values_supported: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['ES256'] } },
    resource_name: { type: 'string', maxLength: 100 },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const opaque: SchemaObject = { type: 'string', minLength: 1, maxLength: 255 };
const jwt: SchemaObject = {
  type: 'string',
  maxLength: 4096,
  pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
};
const scope: SchemaObject = { type: 'string', maxLength: 200, description: 'Space-separated scopes.' };
const seconds: SchemaObject = { type: 'integer', format: 'int64', minimum: 0, maximum: 10_000_000_000 };
const name: SchemaObject = { type: 'string', maxLength: 100 };
const scopeList: SchemaObject = { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 100 } };
const instant: SchemaObject = {
  oneOf: [
    { type: 'string', format: 'date-time', maxLength: 30 },
    { type: 'integer', format: 'int64', minimum: 0, maximum: 10_000_000_000_000 },
  ],
};

const CLIENT_PROPERTIES: Record<string, SchemaObject> = {
  client_id: opaque,
  client_name: name,
  redirect_uris: { type: 'array', maxItems: 10, items: url },
  scope,
  token_endpoint_auth_method: { type: 'string', enum: ['none', 'client_secret_basic', 'client_secret_post'] },
  grant_types: {
    type: 'array',
    maxItems: 3,
    items: {
      type: 'string',
      enum: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    },
  },
  response_types: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['code'] } },
  public: { type: 'boolean' },
  client_id_issued_at: seconds,
  user_id: { type: 'string', format: 'uuid', maxLength: 36 },
  disabled: { type: 'boolean' },
  require_pkce: { type: 'boolean' },
};
const client: SchemaObject = {
  type: 'object',
  required: ['client_id', 'redirect_uris'],
  properties: {
    ...CLIENT_PROPERTIES,
    client_secret_expires_at: seconds,
    application_type: { type: 'string', enum: ['web', 'native'] },
    dpop_bound_access_tokens: { type: 'boolean' },
  },
};

/** What the OAuth routes answer, checked against every response the tests receive. */
export const OAUTH_SCHEMAS: Record<string, SchemaObject> = {
  OAuthError: {
    type: 'object',
    description: 'RFC 6749 §5.2 error.',
    required: ['error'],
    properties: {
      error: { type: 'string', maxLength: 100, pattern: '^[a-z_]+$', example: 'invalid_grant' },
      error_description: { type: 'string', maxLength: 1000 },
      message: { type: 'string', maxLength: 1000 },
      code: { type: 'string', maxLength: 100 },
    },
  },
  OAuthRedirectResult: {
    type: 'object',
    required: ['url'],
    properties: {
      redirect: { type: 'boolean' },
      url: {
        ...url,
        description:
          'Where to send the browser next: the consent page, the app’s redirect URI with the code (or the user’s ' +
          '`access_denied`), or the web app’s error page.',
      },
    },
  },
  OAuthTokenResponse: {
    type: 'object',
    additionalProperties: false,
    required: ['access_token', 'token_type', 'expires_in'],
    properties: {
      access_token: { ...jwt, description: 'An RFC 9068 JWT (`typ: at+jwt`, ES256), valid for 15 minutes.' },
      token_type: { type: 'string', enum: ['Bearer'] },
      expires_in: { type: 'integer', format: 'int32', minimum: 0, maximum: 900 },
      expires_at: seconds,
      refresh_token: { ...opaque, description: 'With `offline_access`: rotates on every use.' },
      scope,
    },
  },
  OAuthPublicClient: {
    type: 'object',
    required: ['client_id'],
    properties: { client_id: opaque, client_name: name, client_uri: url, logo_uri: url, tos_uri: url, policy_uri: url },
  },
  OAuthClient: client,
  OAuthClientList: { type: 'array', maxItems: 100, items: ref('OAuthClient') },
  OAuthCreatedClient: {
    ...client,
    properties: {
      ...client.properties,
      client_secret: { ...opaque, description: 'Confidential clients only: shown this once, stored hashed.' },
      client_secret_expires_at: seconds,
    },
  },
  OAuthConsent: {
    type: 'object',
    required: ['id', 'clientId', 'scopes'],
    properties: {
      id: { type: 'string', format: 'uuid', maxLength: 36 },
      clientId: opaque,
      userId: { type: 'string', format: 'uuid', maxLength: 36 },
      referenceId: { type: 'string', nullable: true, maxLength: 255 },
      resources: { type: 'array', maxItems: 10, items: url },
      requestedUserInfoClaims: { type: 'array', maxItems: 0, items: { type: 'string', maxLength: 100 } },
      scopes: scopeList,
      createdAt: { ...instant, description: 'When the user authorized the app.' },
      updatedAt: instant,
      lastUsedAt: {
        oneOf: [
          { type: 'string', format: 'date-time', maxLength: 30, nullable: true },
          { type: 'integer', format: 'int64', minimum: 0, maximum: 10_000_000_000_000 },
        ],
        description:
          'When the app last obtained tokens with this grant (a code exchanged, a refresh, a device code ' +
          'redeemed); null until then. Not updated on each API request.',
      },
    },
  },
  OAuthConsentList: { type: 'array', maxItems: 100, items: ref('OAuthConsent') },
  OAuthDeviceCode: {
    type: 'object',
    required: ['device_code', 'user_code', 'verification_uri', 'expires_in', 'interval'],
    properties: {
      device_code: opaque,
      user_code: { type: 'string', maxLength: 32 },
      verification_uri: url,
      verification_uri_complete: url,
      expires_in: { type: 'integer', format: 'int32', minimum: 1, maximum: 900 },
      interval: { type: 'integer', format: 'int32', minimum: 1, maximum: 60 },
    },
  },
  OAuthDeviceVerification: {
    type: 'object',
    required: ['user_code', 'status'],
    properties: {
      user_code: { type: 'string', maxLength: 32 },
      status: { type: 'string', enum: ['pending', 'approved', 'denied'] },
      client_id: opaque,
      scope,
      resource: { oneOf: [url, { type: 'array', maxItems: 10, items: url }] },
    },
  },
  OAuthDeviceDecision: {
    type: 'object',
    required: ['success'],
    properties: { success: { type: 'boolean' } },
  },
};

export const OAUTH2_SCHEME = 'oauth2';

export const OAUTH_SECURITY_SCHEMES = {
  [OAUTH2_SCHEME]: {
    type: 'oauth2' as const,
    description:
      'OAuth 2.1 for third-party apps: authorization code with PKCE (S256), consent on Taskvault’s own page. ' +
      'Access tokens are RFC 9068 JWTs for this API, conforming to RFC8725 (JWT best current practices): ES256 ' +
      'only, `typ: at+jwt`, audience the API, 15 minutes; sent as `Authorization: Bearer`. Clients may send ' +
      '`resource` (RFC 8707, the `resource` of /.well-known/oauth-protected-resource; the default when none is named). ' +
      'In this explorer: register a public client of your own (`POST /api/auth/oauth2/create-client`, signed in, ' +
      'with `token_endpoint_auth_method: "none"` and `redirect_uris: ["<this origin>/api/docs/oauth2-redirect.html"]`), ' +
      'then enter its `client_id` under Authorize (no secret).',
    flows: {
      authorizationCode: {
        authorizationUrl: '/api/auth/oauth2/authorize',
        tokenUrl: '/api/auth/oauth2/token',
        refreshUrl: '/api/auth/oauth2/token',
        scopes: {
          'tasks:read': 'Read your tasks and your profile',
          'tasks:write': 'Create, change, complete and delete your tasks',
          'webhooks:write': 'Manage your webhooks: they receive your tasks',
          offline_access: 'Stay connected: a refresh token',
        },
      },
    },
  },
};
