import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { describeError } from '../../../lib/api-error';
import { codePoints } from '../../../lib/validation';
import type { CreatedPersonalToken, Scope } from '../api/tokens-api';
import { useCreatePersonalToken } from '../api/use-tokens';

export const TOKEN_NAME_MAX = 100;
const SCOPE_CHOICES: Array<{ scope: Scope; label: string; hint: string }> = [
  { scope: 'tasks:read', label: 'Read tasks', hint: 'tasks:read — list and read your tasks and your profile' },
  { scope: 'tasks:write', label: 'Change tasks', hint: 'tasks:write — create, change, complete and delete tasks' },
  {
    scope: 'webhooks:write',
    label: 'Manage webhooks',
    hint: 'webhooks:write — add and change webhooks, which receive your tasks (needs Read tasks too)',
  },
];
const EXPIRY_CHOICES = [7, 30, 90, 180, 366];

/** Name, scopes and expiry of a new token; hands the created token (with its secret) up once. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedPersonalToken) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['tasks:read']);
  const [expiresInDays, setExpiresInDays] = useState(90);
  const [nameError, setNameError] = useState<string>();
  const [scopeError, setScopeError] = useState<string>();
  const [error, setError] = useState<string>();
  const create = useCreatePersonalToken();

  const toggle = (scope: Scope, checked: boolean) =>
    setScopes((current) => (checked ? [...current, scope] : current.filter((item) => item !== scope)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const trimmed = name.trim();
    const badName = !trimmed
      ? 'Give the token a name.'
      : codePoints(trimmed) > TOKEN_NAME_MAX
        ? `Use at most ${TOKEN_NAME_MAX} characters.`
        : undefined;
    const badScopes = scopes.length === 0 ? 'Choose at least one scope.' : undefined;
    setNameError(badName);
    setScopeError(badScopes);
    if (badName || badScopes) return;
    try {
      const created = await create.mutateAsync({ name: trimmed, scopes, expiresInDays });
      setName('');
      onCreated(created);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">New token</h3>
      <TextField
        id="token-name"
        label="Token name"
        value={name}
        onChange={setName}
        hint="What it is for, e.g. “Nightly backup script”."
        error={nameError}
      />
      <fieldset className="choices" aria-describedby={scopeError ? 'token-scopes-error' : undefined}>
        <legend>Scopes</legend>
        {SCOPE_CHOICES.map(({ scope, label, hint }) => (
          <div className="checkbox-field" key={scope}>
            <input
              id={`scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
              aria-describedby={`scope-${scope}-hint`}
            />
            <label htmlFor={`scope-${scope}`}>{label}</label>
            <span id={`scope-${scope}-hint`} className="hint">
              {hint}
            </span>
          </div>
        ))}
        {scopeError && (
          <p id="token-scopes-error" className="field-error">
            {scopeError}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="token-expiry">Expires after</label>
        <select
          id="token-expiry"
          value={expiresInDays}
          onChange={(event) => setExpiresInDays(Number(event.target.value))}
        >
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </div>
      <StatusMessage kind="alert">{error}</StatusMessage>
      <button type="submit" disabled={create.isPending}>
        Create token
      </button>
    </form>
  );
}
