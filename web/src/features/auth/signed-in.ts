/**
 * What a sign-in (or its second step) answered that the page may act on: during an OAuth
 * authorization, the authorization server continues the flow and names the next page (consent,
 * or the app).
 */
export interface SignedIn {
  redirect?: boolean;
  url?: string;
  /** Two-factor sign-in is on: the password was right, a code must follow. */
  twoFactorRedirect?: boolean;
}
