import { useState } from 'react';
import { FocusedOutcome } from '../../../components/focused-outcome';
import { StatusMessage } from '../../../components/status-message';
import { useConfirmFocus } from '../../../components/use-confirm-focus';
import { describeError } from '../../../lib/api-error';
import type { OAuthConsent, PublicClient } from '../api/oauth-api';
import { useConsents, usePublicClients, useRevokeConsent } from '../api/use-oauth';
import { formatWhen } from '../dates';
import { ScopeList } from './scope-list';
import './oauth.css';

function ConsentRow({
  consent,
  app,
  onRevoked,
}: {
  consent: OAuthConsent;
  app: PublicClient | undefined;
  onRevoked: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const revoke = useRevokeConsent();
  const { cancelButton, askButton: revokeButton } = useConfirmFocus(confirming);

  const name = app?.client_name || 'An unnamed app';
  const nameId = `consent-${consent.id}-name`;
  const confirmId = `revoke-consent-${consent.id}`;
  const authorized = formatWhen(consent.createdAt);
  const used = formatWhen(consent.lastUsedAt);

  const confirm = async () => {
    setError(undefined);
    try {
      await revoke.mutateAsync(consent.id);
      onRevoked(`Revoked ${name}. It can no longer use your account; its tokens stop working now.`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <li aria-labelledby={nameId} className="app-row">
      <div>
        <strong id={nameId}>{name}</strong>
        <ScopeList scopes={consent.scopes} label={`What ${name} may do`} />
        <p className="hint">
          {authorized ? `Authorized ${authorized}` : 'Authorized'} ·{' '}
          {used ? `last used ${used}` : 'not used since it was authorized'}
        </p>
      </div>
      {confirming ? (
        <span role="group" aria-labelledby={confirmId}>
          <span id={confirmId}>Revoke {name}? It will have to ask you again.</span>{' '}
          <button type="button" className="danger" onClick={() => void confirm()} disabled={revoke.isPending}>
            Yes, revoke
          </button>{' '}
          <button type="button" className="secondary" ref={cancelButton} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="secondary"
          ref={revokeButton}
          aria-label={`Revoke ${name}`}
          onClick={() => setConfirming(true)}
        >
          Revoke
        </button>
      )}
      <StatusMessage kind="alert">{error}</StatusMessage>
    </li>
  );
}

/** Account → Connected apps: every app the user allowed, what it may do, and a way to take it back. */
export function ConnectedApps() {
  const consents = useConsents();
  const apps = usePublicClients([...new Set((consents.data ?? []).map((consent) => consent.clientId))]);
  const byClient = new Map(apps.flatMap((app) => (app.data ? [[app.data.client_id, app.data] as const] : [])));
  const [message, setMessage] = useState<string>();

  return (
    <section aria-labelledby="connected-apps-heading">
      <h2 id="connected-apps-heading">Apps you allowed</h2>
      <p>
        These apps and command-line tools can use your Taskvault account with the permissions you gave them. They never
        saw your password. Revoking one signs it out at once.
      </p>
      {consents.isPending ? (
        <p role="status">Loading your connected apps…</p>
      ) : consents.isError ? (
        <p role="alert">{describeError(consents.error)}</p>
      ) : consents.data.length === 0 ? (
        <p>You have not connected any apps.</p>
      ) : (
        <ul className="sessions apps" aria-label="Your connected apps">
          {consents.data.map((consent) => (
            <ConsentRow
              key={consent.id}
              consent={consent}
              app={byClient.get(consent.clientId)}
              onRevoked={setMessage}
            />
          ))}
        </ul>
      )}
      {/* The revoked row is gone, and focus with it: the outcome takes it. */}
      <FocusedOutcome message={message} />
    </section>
  );
}
