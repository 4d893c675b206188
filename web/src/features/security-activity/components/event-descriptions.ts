import type { SecurityEvent, SecurityEventKind } from '../api/security-activity-api';

const WHAT: Record<SecurityEventKind, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in attempt',
  new_device: 'Signed in from a new device',
  password_changed: 'Password changed',
  password_reset: 'Password reset by email link',
  two_factor_enabled: 'Two-factor sign-in turned on',
  two_factor_disabled: 'Two-factor sign-in turned off',
  backup_codes_regenerated: 'New backup codes made',
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
  email_change_requested: 'Email change requested',
  email_changed: 'Email address changed',
  personal_token_created: 'Access token created',
  personal_token_revoked: 'Access token revoked',
  oauth_app_granted: 'App connected',
  oauth_app_revoked: 'App disconnected',
  signed_out_everywhere: 'Signed out everywhere',
};

const METHOD: Record<NonNullable<SecurityEvent['method']>, string> = {
  password: 'with the password',
  totp: 'with an authenticator code',
  backup_code: 'with a backup code',
  passkey: 'with a passkey',
  email_link: 'with an email link',
};

/** Events worth a second look when they were not the reader's own doing. */
const WARNING_KINDS = new Set<SecurityEventKind>([
  'sign_in_failed',
  'new_device',
  'two_factor_disabled',
  'email_changed',
]);

/** "Failed sign-in attempt with an authenticator code", "Access token created: ci". */
export function describeEvent(event: SecurityEvent): string {
  const what = WHAT[event.kind] ?? 'Account activity';
  if (event.method) return `${what} ${METHOD[event.method]}`;
  if (event.tokenName) return `${what}: ${event.tokenName}`;
  if (event.clientId) return `${what}: ${event.clientId}`;
  return what;
}

export const isWarning = (event: SecurityEvent) => WARNING_KINDS.has(event.kind);

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "just now": the age at a glance; the exact time sits beside it. */
export function relativeTime(at: Date, now = new Date()): string {
  const elapsed = now.getTime() - at.getTime();
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return format.format(-Math.round(elapsed / size), unit);
  }
  return 'just now';
}

export const absoluteTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
