import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { describeError } from '../../../lib/api-error';
import { codePoints } from '../../../lib/validation';
import type { CreatedOAuthClient, NewOAuthClient } from '../api/oauth-api';
import { useCreateOAuthClient } from '../api/use-oauth';
import { applicationType, CLIENT_NAME_MAX, parseRedirectUris, redirectUrisProblem } from '../redirect-uris';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code' as const;

export function RedirectUrisField({
  id,
  value,
  onChange,
  error,
  label = 'Redirect URIs',
}: {
  id: string;
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        One a line, exactly as your app sends them: https, or http on localhost, 127.0.0.1 or [::1] for apps on the
        user’s own machine.
      </p>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        required
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Registers an app for the signed-in user; hands the created app (with its secret, if any) up once. */
export function RegisterAppForm({ onCreated }: { onCreated: (app: CreatedOAuthClient) => void }) {
  const [name, setName] = useState('');
  const [uris, setUris] = useState('');
  const [kind, setKind] = useState<'public' | 'confidential'>('confidential');
  const [device, setDevice] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; uris?: string }>({});
  const [failure, setFailure] = useState<string>();
  const create = useCreateOAuthClient();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const trimmed = name.trim();
    const redirectUris = parseRedirectUris(uris);
    const next = {
      name: !trimmed
        ? 'Give the app a name: users see it when they are asked to allow it.'
        : codePoints(trimmed) > CLIENT_NAME_MAX
          ? `Use at most ${CLIENT_NAME_MAX} characters.`
          : undefined,
      uris: redirectUrisProblem(redirectUris),
    };
    setErrors(next);
    if (next.name || next.uris) return;
    const body: NewOAuthClient = {
      client_name: trimmed,
      redirect_uris: redirectUris,
      application_type: applicationType(redirectUris),
      token_endpoint_auth_method: kind === 'public' ? 'none' : 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token', ...(kind === 'public' && device ? [DEVICE_GRANT] : [])],
    };
    try {
      const created = await create.mutateAsync(body);
      setName('');
      setUris('');
      onCreated(created);
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="register-app-heading">
      <h3 id="register-app-heading">Register an app</h3>
      <TextField
        id="app-name"
        label="App name"
        value={name}
        onChange={setName}
        hint="Shown to people when your app asks for access."
        error={errors.name}
      />
      <RedirectUrisField id="app-redirect-uris" value={uris} onChange={setUris} error={errors.uris} />
      <fieldset className="choices">
        <legend>Kind of app</legend>
        <div className="checkbox-field">
          <input
            id="app-kind-confidential"
            type="radio"
            name="app-kind"
            checked={kind === 'confidential'}
            onChange={() => setKind('confidential')}
            aria-describedby="app-kind-confidential-hint"
          />
          <label htmlFor="app-kind-confidential">Confidential (runs on a server)</label>
          <span id="app-kind-confidential-hint" className="hint">
            Gets a client secret, shown once, that it keeps on its server.
          </span>
        </div>
        <div className="checkbox-field">
          <input
            id="app-kind-public"
            type="radio"
            name="app-kind"
            checked={kind === 'public'}
            onChange={() => setKind('public')}
            aria-describedby="app-kind-public-hint"
          />
          <label htmlFor="app-kind-public">Public (runs on the user’s device)</label>
          <span id="app-kind-public-hint" className="hint">
            Command-line tools, desktop and mobile apps, single-page apps: no secret, PKCE only.
          </span>
        </div>
      </fieldset>
      {kind === 'public' && (
        <div className="checkbox-field">
          <input
            id="app-device"
            type="checkbox"
            checked={device}
            onChange={(event) => setDevice(event.target.checked)}
            aria-describedby="app-device-hint"
          />
          <label htmlFor="app-device">Sign-in with a code (device flow)</label>
          <span id="app-device-hint" className="hint">
            For tools without a browser: the user enters a short code at /device.
          </span>
        </div>
      )}
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <button type="submit" disabled={create.isPending}>
        Register app
      </button>
    </form>
  );
}
