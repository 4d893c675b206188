import { useState } from 'react';
import type { CreatedPersonalToken } from '../api/tokens-api';
import { CreateTokenForm } from './create-token-form';
import { NewTokenSecret } from './new-token-secret';
import { TokensList } from './tokens-list';
import './personal-tokens.css';

/** Account → Personal access tokens: credentials for the user's own scripts, not the password. */
export function PersonalTokens() {
  const [created, setCreated] = useState<CreatedPersonalToken>();
  return (
    <section aria-labelledby="tokens-heading" className="tokens-section">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p>
        A token lets your own scripts call the Taskvault API as you, with only the scopes you choose, without your
        password. Send it as <code>Authorization: Bearer tvp_…</code>.
      </p>
      <ul className="hint-list">
        <li>Signing out everywhere and changing your password do not revoke tokens: review them here.</li>
        <li>Deleting your account revokes every token.</li>
      </ul>
      {created ? (
        <NewTokenSecret token={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      <TokensList />
    </section>
  );
}
