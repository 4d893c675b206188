import { useEffect, useRef, useState } from 'react';
import { FocusedOutcome } from '../../../components/focused-outcome';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import type { CreatedOAuthClient, OAuthClient } from '../api/oauth-api';
import { useDeleteOAuthClient, useOAuthClients, useRotateSecret, useUpdateRedirectUris } from '../api/use-oauth';
import { formatWhen } from '../dates';
import { parseRedirectUris, redirectUrisProblem } from '../redirect-uris';
import { AppSecret } from './app-secret';
import { RedirectUrisField, RegisterAppForm } from './register-app-form';
import './oauth.css';

type Asking = 'rotate' | 'delete' | undefined;

function EditRedirectUris({ app, onDone }: { app: OAuthClient; onDone: (message?: string) => void }) {
  const [value, setValue] = useState(app.redirect_uris.join('\n'));
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const update = useUpdateRedirectUris();
  const id = `edit-uris-${app.client_id}`;
  useEffect(() => document.getElementById(id)?.focus(), [id]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const redirectUris = parseRedirectUris(value);
    const problem = redirectUrisProblem(redirectUris);
    setError(problem);
    if (problem) return;
    try {
      await update.mutateAsync({ clientId: app.client_id, redirectUris });
      onDone(`Saved the redirect URIs of ${app.client_name || 'the app'}.`);
    } catch (caught) {
      setFailure(describeError(caught));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Edit the redirect URIs of ${app.client_name || app.client_id}`}>
      <RedirectUrisField
        id={id}
        label={`Redirect URIs of ${app.client_name || app.client_id}`}
        value={value}
        onChange={setValue}
        error={error}
      />
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <button type="submit" disabled={update.isPending}>
        Save redirect URIs
      </button>{' '}
      <button type="button" className="secondary" onClick={() => onDone()}>
        Cancel
      </button>
    </form>
  );
}

function AppRow({
  app,
  onSecret,
  onMessage,
}: {
  app: OAuthClient;
  onSecret: (app: CreatedOAuthClient) => void;
  onMessage: (message: string) => void;
}) {
  const [asking, setAsking] = useState<Asking>();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const rotate = useRotateSecret();
  const remove = useDeleteOAuthClient();
  const name = app.client_name || 'An unnamed app';
  const confidential = app.token_endpoint_auth_method !== 'none' && app.public !== true;
  const nameId = `app-${app.client_id}-name`;
  const askId = `app-${app.client_id}-ask`;
  const registered = formatWhen(app.client_id_issued_at);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

  const act = async () => {
    setError(undefined);
    try {
      if (asking === 'rotate') {
        onSecret(await rotate.mutateAsync(app.client_id));
      } else {
        await remove.mutateAsync(app.client_id);
        onMessage(`Deleted ${name}. Everyone who allowed it is signed out of it.`);
      }
      setAsking(undefined);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <li aria-labelledby={nameId} className="app-row">
      <div>
        <strong id={nameId}>{name}</strong> <span className="badge">{confidential ? 'Confidential' : 'Public'}</span>
        <dl className="app-facts">
          <dt>Client ID</dt>
          <dd>
            <code>{app.client_id}</code>
          </dd>
          <dt>Redirect URIs</dt>
          <dd>
            <ul aria-label={`Redirect URIs of ${name}`}>
              {app.redirect_uris.map((uri) => (
                <li key={uri}>
                  <code>{uri}</code>
                </li>
              ))}
            </ul>
          </dd>
          {registered && (
            <>
              <dt>Registered</dt>
              <dd>{registered}</dd>
            </>
          )}
        </dl>
        {editing && (
          <EditRedirectUris
            app={app}
            onDone={(message) => {
              setEditing(false);
              if (message) onMessage(message);
            }}
          />
        )}
      </div>
      {asking ? (
        <span role="group" aria-labelledby={askId}>
          <span id={askId}>
            {asking === 'rotate'
              ? `Make a new secret for ${name}? The current one stops working at once.`
              : `Delete ${name}? Everyone who allowed it is signed out of it, and it cannot sign anyone in again.`}
          </span>{' '}
          <button
            type="button"
            className="danger"
            onClick={() => void act()}
            disabled={rotate.isPending || remove.isPending}
          >
            {asking === 'rotate' ? 'Yes, new secret' : 'Yes, delete'}
          </button>{' '}
          <button type="button" className="secondary" ref={cancel} onClick={() => setAsking(undefined)}>
            Cancel
          </button>
        </span>
      ) : editing ? null : (
        // While the redirect URIs are edited, the form's own buttons are the only actions.
        <span className="actions">
          <button
            type="button"
            className="secondary"
            aria-label={`Edit redirect URIs of ${name}`}
            onClick={() => setEditing(true)}
          >
            Edit redirect URIs
          </button>
          {confidential && (
            <button
              type="button"
              className="secondary"
              aria-label={`New secret for ${name}`}
              onClick={() => setAsking('rotate')}
            >
              New secret
            </button>
          )}
          <button type="button" className="secondary" aria-label={`Delete ${name}`} onClick={() => setAsking('delete')}>
            Delete
          </button>
        </span>
      )}
      <StatusMessage kind="alert">{error}</StatusMessage>
    </li>
  );
}

/** Account → Developer apps: apps this user registered to sign Taskvault users in. */
export function DeveloperApps() {
  const apps = useOAuthClients();
  const [secret, setSecret] = useState<{ app: CreatedOAuthClient; rotated: boolean }>();
  const [message, setMessage] = useState<string>();

  return (
    <section aria-labelledby="developer-apps-heading" className="developer-apps">
      <h2 id="developer-apps-heading">Your apps</h2>
      <p>
        Register an app to let people sign in to it with their Taskvault account (OAuth 2.1 with PKCE). It asks them for
        permissions; they never give it their password.
      </p>
      {secret ? (
        <AppSecret app={secret.app} rotated={secret.rotated} onDone={() => setSecret(undefined)} />
      ) : (
        <RegisterAppForm onCreated={(app) => setSecret({ app, rotated: false })} />
      )}
      {apps.isPending ? (
        <p role="status">Loading your apps…</p>
      ) : apps.isError ? (
        <p role="alert">{describeError(apps.error)}</p>
      ) : apps.data.length === 0 ? (
        <p>You have not registered any apps.</p>
      ) : (
        <ul className="sessions apps" aria-label="Your registered apps">
          {apps.data.map((app) => (
            <AppRow
              key={app.client_id}
              app={app}
              onSecret={(rotated) => {
                setMessage(undefined);
                setSecret({ app: { ...rotated, client_name: rotated.client_name ?? app.client_name }, rotated: true });
              }}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}
      <FocusedOutcome message={message} />
    </section>
  );
}
