import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import { oauthApi, OAuthApiError } from '../api/oauth-api';
import { usePublicClient } from '../api/use-oauth';
import { redirectHost, signedOAuthQuery } from '../oauth-query';
import { ScopeList } from './scope-list';
import './oauth.css';

export interface ConsentScreenProps {
  /** The page's query, as the authorization server signed it. */
  search: string;
  /** Who is signed in: the user agrees for this account. */
  account: string;
  /** Leaves for the app (a full navigation: the app is another site). */
  onRedirect?: (url: string) => void;
}

const leave = (url: string) => window.location.assign(url);

/**
 * The consent page: which app, where it sends the user afterwards, what it may do, for which
 * account; Allow or Deny. The decision goes back with the signed query, and the server answers
 * where to go: the app's registered redirect URI with a code, or with `access_denied`.
 */
export function ConsentScreen({ search, account, onRedirect = leave }: ConsentScreenProps) {
  const params = new URLSearchParams(search);
  const oauthQuery = signedOAuthQuery(search);
  const clientId = params.get('client_id') ?? undefined;
  const app = usePublicClient(oauthQuery ? clientId : undefined);
  const [busy, setBusy] = useState<'allow' | 'deny'>();
  const [failure, setFailure] = useState<string>();

  if (!oauthQuery || !clientId) {
    return (
      <p role="alert" className="message message-error">
        This page needs a request from an app, and there is none here. Start again from the app you wanted to connect.
      </p>
    );
  }
  if (app.isPending) return <p role="status">Loading the app’s details…</p>;
  if (app.isError) {
    return (
      <p role="alert" className="message message-error">
        {app.error instanceof Error && 'status' in app.error && app.error.status === 404
          ? 'This app is not registered with Taskvault, or it was removed. Nothing was shared.'
          : describeError(app.error)}
      </p>
    );
  }

  const name = app.data.client_name || 'An unnamed app';
  const host = redirectHost(params.get('redirect_uri'));
  const decide = async (accept: boolean) => {
    setFailure(undefined);
    setBusy(accept ? 'allow' : 'deny');
    try {
      onRedirect(await oauthApi.consent(accept, oauthQuery));
    } catch (error) {
      setBusy(undefined);
      setFailure(
        error instanceof OAuthApiError && error.code === 'invalid_signature'
          ? 'This request has expired or was changed on its way. Go back to the app and start again.'
          : describeError(error),
      );
    }
  };

  return (
    <section className="consent" aria-labelledby="consent-heading">
      <h2 id="consent-heading">
        <span className="consent-app">{name}</span> wants to use your Taskvault account
      </h2>
      <dl className="consent-facts">
        <dt>Account</dt>
        <dd>{account}</dd>
        {host && (
          <>
            <dt>Afterwards you go to</dt>
            <dd>
              <code>{host}</code>
            </dd>
          </>
        )}
      </dl>
      <h3 id="consent-scopes-heading">If you allow it, {name} can:</h3>
      <ScopeList scopes={params.get('scope') ?? undefined} label={`What ${name} asks for`} />
      <p className="hint">
        {name} never sees your password. You can revoke its access at any time in Account → Connected apps.
      </p>
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <div className="actions consent-actions" role="group" aria-label="Your decision">
        <button type="button" onClick={() => void decide(true)} disabled={busy !== undefined}>
          {busy === 'allow' ? 'Allowing…' : 'Allow'}
        </button>
        <button type="button" className="secondary" onClick={() => void decide(false)} disabled={busy !== undefined}>
          {busy === 'deny' ? 'Denying…' : 'Deny'}
        </button>
      </div>
      <StatusMessage>{busy ? `Sending you back to ${name}…` : undefined}</StatusMessage>
    </section>
  );
}
