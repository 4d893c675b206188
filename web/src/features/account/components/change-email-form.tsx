import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';
import { EMAIL_MAX, EMAIL_PATTERN } from '../../../lib/validation';

/**
 * Asks Better Auth to move the account to a new address. Nothing changes until the link mailed to
 * the new address is opened; the API answers the same whether or not the address is taken.
 */
export function ChangeEmailForm({ currentEmail }: { currentEmail?: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const address = newEmail.trim();
    if (!EMAIL_PATTERN.test(address) || address.length > EMAIL_MAX) return setError('Enter a valid email address.');
    if (currentEmail && address.toLowerCase() === currentEmail.toLowerCase())
      return setError('That is already your email address.');
    const { error: failure } = await authClient.changeEmail({ newEmail: address });
    if (failure) return setError('Could not request the change. Try again later.');
    setNewEmail('');
    setDone(`Check ${address} for a link to confirm the change. Until then, your address stays the same.`);
  };

  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">Change email address</h2>
      <form onSubmit={submit} noValidate>
        <TextField
          id="new-email"
          label="New email address"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={setNewEmail}
          hint="We mail a confirmation link to the new address and tell the old one."
        />
        <StatusMessage kind="alert">{error}</StatusMessage>
        <StatusMessage>{done}</StatusMessage>
        <button type="submit">Change email</button>
      </form>
    </section>
  );
}
