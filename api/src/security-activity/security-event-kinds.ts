/** What a security activity row records. The names are the API's `kind` values. */
export const SECURITY_EVENT_KINDS = [
  'sign_in',
  'sign_in_failed',
  'new_device',
  'password_changed',
  'password_reset',
  'two_factor_enabled',
  'two_factor_disabled',
  'backup_codes_regenerated',
  'passkey_added',
  'passkey_removed',
  'email_change_requested',
  'email_changed',
  'personal_token_created',
  'personal_token_revoked',
  'oauth_app_granted',
  'oauth_app_revoked',
  'signed_out_everywhere',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SIGN_IN_METHODS = ['password', 'totp', 'backup_code', 'passkey', 'email_link'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** The only things a row's `detail` may hold: none of them is a secret. */
export interface SecurityEventDetail {
  method?: SignInMethod;
  /** An OAuth app's public client id. */
  clientId?: string;
  /** The name its owner gave a personal access token (never the token). */
  tokenName?: string;
}

/** Rows are listed and kept this long. */
export const RETENTION_DAYS = 90;
