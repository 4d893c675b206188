import { useEffect, useRef } from 'react';
import { CopyButton } from '../../../components/copy-button';
import type { CreatedOAuthClient } from '../api/oauth-api';

/**
 * An app's credentials right after it was registered or its secret rotated: the client id, and
 * for a confidential app its secret, shown this once (the server keeps only a hash). It takes
 * focus so keyboard and screen-reader users land on it.
 */
export function AppSecret({ app, rotated, onDone }: { app: CreatedOAuthClient; rotated: boolean; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const name = app.client_name || 'your app';
  return (
    <div className="app-secret shown-once" role="region" aria-labelledby="app-secret-heading">
      <h3 id="app-secret-heading" ref={heading} tabIndex={-1}>
        {rotated ? `New secret for “${name}”` : `“${name}” is registered`}
      </h3>
      <div className="field">
        <label htmlFor="app-client-id">Client ID</label>
        <input
          id="app-client-id"
          readOnly
          value={app.client_id}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <CopyButton value={app.client_id} what="Client ID" />
      {app.client_secret ? (
        <>
          <p className="message message-warning" id="app-secret-warning">
            Copy the client secret now: you won’t see it again. Keep it on your server like a password; anyone who has
            it can pose as your app.{rotated && ' The previous secret no longer works.'}
          </p>
          <div className="field">
            <label htmlFor="app-client-secret">Client secret</label>
            <input
              id="app-client-secret"
              readOnly
              value={app.client_secret}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="app-secret-warning"
              onFocus={(event) => event.target.select()}
            />
          </div>
          <CopyButton value={app.client_secret} what="Client secret" />
        </>
      ) : (
        <p className="hint">A public app has no secret: it signs users in with PKCE alone.</p>
      )}{' '}
      <button type="button" onClick={onDone}>
        {app.client_secret ? 'I have copied it' : 'Done'}
      </button>
    </div>
  );
}
