/** The passkey's display name in the account page: what the user typed, bounded like other names. */
export const PASSKEY_NAME_MAX_LENGTH = 100;
/** More would be clutter, not safety; a bound keeps the list (and each ceremony's options) small. */
export const PASSKEYS_PER_USER_MAX = 20;
