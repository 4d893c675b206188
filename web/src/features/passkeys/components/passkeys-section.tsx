import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { listPasskeys, type PasskeyOutcome } from '../api/passkeys-api';
import { AddPasskeyForm } from './add-passkey-form';
import { PasskeyItem } from './passkey-item';

const PASSKEYS = ['passkeys'];

/** The account's passkeys: list, add, rename, remove. */
export function PasskeysSection() {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<{ kind: 'status' | 'alert'; text: string }>();
  const passkeys = useQuery({ queryKey: PASSKEYS, queryFn: listPasskeys });
  const refresh = () => queryClient.invalidateQueries({ queryKey: PASSKEYS });
  const changed = async (text: string, result: PasskeyOutcome) => {
    setOutcome(result.ok ? { kind: 'status', text } : { kind: 'alert', text: result.message });
    await refresh();
  };

  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p className="hint">
        A passkey signs you in with your device’s PIN, fingerprint or face instead of your password. It works only on
        this site, so a look-alike page cannot use it.
      </p>
      {passkeys.isPending ? (
        <p role="status">Loading passkeys…</p>
      ) : passkeys.isError ? (
        <p role="alert">{passkeys.error.message}</p>
      ) : passkeys.data.length === 0 ? (
        <p>No passkeys yet.</p>
      ) : (
        <ul className="sessions" aria-label="Your passkeys">
          {passkeys.data.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} onChanged={(text, result) => void changed(text, result)} />
          ))}
        </ul>
      )}
      <StatusMessage kind={outcome?.kind}>{outcome?.text}</StatusMessage>
      <AddPasskeyForm onAdded={refresh} />
    </section>
  );
}
