import { useEffect, useRef, useState } from 'react';
import type { CreatedPersonalToken } from '../api/tokens-api';

/**
 * The secret of a token just created, shown this once: a read-only field to select, a copy
 * button and a warning. It takes focus so keyboard and screen-reader users land on it.
 */
export function NewTokenSecret({ token, onDone }: { token: CreatedPersonalToken; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string>();
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Could not copy: select the token and copy it yourself.');
    }
  };

  return (
    <div className="token-secret shown-once" role="region" aria-labelledby="token-secret-heading">
      <h3 id="token-secret-heading" ref={heading} tabIndex={-1}>
        Your new token “{token.name}”
      </h3>
      <p className="message message-warning" id="token-secret-warning">
        Copy it now: this is the only time it is shown. Keep it like a password; anyone who has it can act with its
        scopes until it expires or you revoke it.
      </p>
      <div className="field">
        <label htmlFor="token-secret">Token</label>
        <input
          id="token-secret"
          readOnly
          value={token.token}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="token-secret-warning"
          onFocus={(event) => event.target.select()}
        />
      </div>
      <button type="button" onClick={() => void copy()}>
        Copy token
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
      {copied && <p role="status">{copied}</p>}
    </div>
  );
}
