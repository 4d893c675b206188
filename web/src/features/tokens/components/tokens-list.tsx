import { useState } from 'react';
import { FocusedOutcome } from '../../../components/focused-outcome';
import { StatusMessage } from '../../../components/status-message';
import { useConfirmFocus } from '../../../components/use-confirm-focus';
import { describeError } from '../../../lib/api-error';
import type { PersonalToken } from '../api/tokens-api';
import { usePersonalTokens, useRevokePersonalToken } from '../api/use-tokens';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface TokenRowProps {
  token: PersonalToken;
  /** When the list was fetched: what "expired" is judged against. */
  now: number;
  onRevoked: (message: string) => void;
}

function TokenRow({ token, now, onRevoked }: TokenRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const { cancelButton, askButton: revokeButton } = useConfirmFocus(confirming);
  const revoke = useRevokePersonalToken();
  const expired = Date.parse(token.expiresAt) <= now;
  const confirmId = `revoke-${token.id}`;

  const confirm = async () => {
    setError(undefined);
    try {
      await revoke.mutateAsync(token.id);
      onRevoked(`Revoked “${token.name}”. Scripts using it are refused from now on.`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <li aria-labelledby={`${token.id}-name`}>
      <span>
        <strong id={`${token.id}-name`}>{token.name}</strong> <code>{token.prefix}…</code>
        {expired && <span className="badge badge-expired">Expired</span>}
        <br />
        <span className="hint">
          {token.scopes.join(', ')} · created {day.format(new Date(token.createdAt))} ·{' '}
          {expired ? 'expired' : 'expires'} {day.format(new Date(token.expiresAt))} ·{' '}
          {token.lastUsedAt ? `last used ${when.format(new Date(token.lastUsedAt))}` : 'never used'}
        </span>
      </span>
      {confirming ? (
        <span role="group" aria-labelledby={confirmId}>
          <span id={confirmId}>Revoke “{token.name}”? Anything using it stops working.</span>{' '}
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
          aria-label={`Revoke ${token.name}`}
          onClick={() => setConfirming(true)}
        >
          Revoke
        </button>
      )}
      <StatusMessage kind="alert">{error}</StatusMessage>
    </li>
  );
}

export function TokensList() {
  const tokens = usePersonalTokens();
  const [message, setMessage] = useState<string>();
  if (tokens.isPending) return <p role="status">Loading tokens…</p>;
  if (tokens.isError) return <p role="alert">{describeError(tokens.error)}</p>;
  return (
    <>
      {tokens.data.length === 0 ? (
        <p>You have no personal access tokens.</p>
      ) : (
        <ul className="sessions tokens" aria-label="Your personal access tokens">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} now={tokens.dataUpdatedAt} onRevoked={setMessage} />
          ))}
        </ul>
      )}
      {/* The revoked row is gone, and focus with it: the outcome takes it. */}
      <FocusedOutcome message={message} />
    </>
  );
}
