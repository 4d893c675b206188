import './oauth.css';

/**
 * Plain words for the errors the authorization server sends to /oauth-error. Only these codes
 * get words of ours; anything else reads as a general failure. The page can be opened by anyone
 * with any query, so nothing from it is a link, nothing is HTML, and the description (which an
 * attacker can write too) is shown only as the server's technical detail, shortened.
 */
const EXPLANATIONS: Record<string, string> = {
  invalid_client: 'The app that sent you here is not registered with Taskvault, or it was removed.',
  invalid_redirect:
    'The app asked to send you back to an address it has not registered. You were not sent there, to protect your account.',
  invalid_redirect_uri:
    'The app asked to send you back to an address it has not registered. You were not sent there, to protect your account.',
  invalid_request: 'The app’s request was incomplete or not valid, so Taskvault could not continue it.',
  invalid_scope: 'The app asked for a permission that Taskvault does not offer.',
  unsupported_response_type: 'The app asked to sign you in in a way that Taskvault does not offer.',
  unauthorized_client: 'This app is not allowed to sign you in this way.',
  access_denied: 'Access was not given to the app.',
  invalid_signature: 'The request was changed on its way or has expired. Start again from the app.',
  login_required: 'You need to sign in to Taskvault first. Start again from the app.',
  consent_required: 'The app needs your agreement first. Start again from the app.',
  server_error: 'Something went wrong on Taskvault’s side. Try again from the app in a moment.',
  temporarily_unavailable: 'Taskvault is busy right now. Try again from the app in a moment.',
};
const GENERAL = 'The app’s request could not be completed.';
export const DETAIL_MAX = 200;

export function explainOAuthError(code: string | null): string {
  return code && Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code] : GENERAL;
}

/** A code as sent, if it looks like the codes servers use (`invalid_scope`); anything else is not echoed. */
const shownCode = (code: string | null) => (code && /^[A-Za-z0-9_.:-]{1,64}$/.test(code) ? code : undefined);

export function OAuthErrorMessage({ error, description }: { error: string | null; description: string | null }) {
  const code = shownCode(error);
  const detail =
    description && description.length > DETAIL_MAX ? `${description.slice(0, DETAIL_MAX)}…` : description || undefined;
  return (
    <div role="alert" className="message message-error oauth-error">
      <p>{explainOAuthError(error)}</p>
      <p>Nothing was shared with the app. You can close this page, or go back to the app and try again.</p>
      {(code || detail) && (
        <dl className="oauth-error-detail">
          {code && (
            <>
              <dt>Error code</dt>
              <dd>
                <code>{code}</code>
              </dd>
            </>
          )}
          {detail && (
            <>
              <dt>Technical detail from the server</dt>
              <dd>{detail}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
