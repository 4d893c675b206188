import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { addPasskey } from '../api/passkeys-api';

const NAME_MAX = 100;

/** Names the new passkey and confirms it with the password; the browser then asks for the device's PIN or biometrics. */
export function AddPasskeyForm({ onAdded }: { onAdded: () => void | Promise<void> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const [outcome, setOutcome] = useState<{ kind: 'status' | 'alert'; text: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    const trimmed = name.trim();
    const next: typeof errors = {};
    if (!trimmed) next.name = 'Give the passkey a name, like "Work laptop".';
    else if ([...trimmed].length > NAME_MAX) next.name = `At most ${NAME_MAX} characters.`;
    if (!password) next.password = 'Enter your password.';
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    const result = await addPasskey(trimmed, password);
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: result.cancelled ? 'status' : 'alert', text: result.message });
    setName('');
    setPassword('');
    setOutcome({ kind: 'status', text: `Passkey “${trimmed}” added.` });
    await onAdded();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-passkey-heading">
      <h3 id="add-passkey-heading">Add a passkey</h3>
      <TextField id="passkey-name" label="Passkey name" value={name} onChange={setName} error={errors.name} />
      <TextField
        id="passkey-password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        hint="Adding a way to sign in needs your password, so a borrowed session cannot add one."
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Waiting for your device…' : 'Add a passkey'}
      </button>
      <StatusMessage kind={outcome?.kind}>{outcome?.text}</StatusMessage>
    </form>
  );
}
