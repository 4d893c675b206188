import { useState } from 'react';
import { TextField } from '../../../components/text-field';
import { type Passkey, type PasskeyOutcome, removePasskey, renamePasskey } from '../api/passkeys-api';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** One passkey: its name and when it was added, with rename and remove. */
export function PasskeyItem({
  passkey,
  onChanged,
}: {
  passkey: Passkey;
  onChanged: (text: string, outcome: PasskeyOutcome) => void;
}) {
  const label = passkey.name || 'Unnamed passkey';
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(passkey.name ?? '');
  const [error, setError] = useState<string>();

  const rename = async (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || [...trimmed].length > 100) return setError('A name of 1 to 100 characters.');
    const outcome = await renamePasskey(passkey.id, trimmed);
    setRenaming(false);
    onChanged(`Renamed to “${trimmed}”.`, outcome);
  };
  const remove = async () =>
    onChanged(`Removed “${label}”: it no longer signs you in.`, await removePasskey(passkey.id));

  if (renaming) {
    return (
      <li>
        <form onSubmit={rename} noValidate aria-label={`Rename ${label}`}>
          <TextField id={`rename-${passkey.id}`} label="New name" value={name} onChange={setName} error={error} />
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li>
      <span>
        <strong>{label}</strong>
        <br />
        <span className="hint">Added {when.format(new Date(passkey.createdAt))}</span>
      </span>
      <button type="button" className="secondary" aria-label={`Rename ${label}`} onClick={() => setRenaming(true)}>
        Rename
      </button>
      <button type="button" className="secondary" aria-label={`Remove ${label}`} onClick={() => void remove()}>
        Remove
      </button>
    </li>
  );
}
