import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import {
  codePoints,
  EMAIL_PATTERN,
  NAME_MAX,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
} from '../../../lib/validation';
import { authClient } from '../../../lib/auth-client';
import { attemptAuth } from '../auth-errors';
import type { SignedIn } from '../signed-in';

/**
 * `signedIn` is false when the API waits for the address to be confirmed (EMAIL_VERIFICATION=required);
 * `next` is where an OAuth authorization goes on, when the user signed up on its way.
 */
export function SignUpForm({
  onSignedUp,
}: {
  onSignedUp: (signedIn: boolean, next: SignedIn) => void | Promise<void>;
}) {
  const [fields, setFields] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof fields, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const validate = () => {
    const next: typeof errors = {};
    if (!fields.name.trim()) next.name = 'Enter your name.';
    else if (codePoints(fields.name.trim()) > NAME_MAX) next.name = `Use at most ${NAME_MAX} characters.`;
    if (!EMAIL_PATTERN.test(fields.email.trim())) next.email = 'Enter your email address, like name@example.com.';
    const passwordError = passwordProblem(fields.password);
    if (passwordError) next.password = passwordError;
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!validate()) return;
    setBusy(true);
    let signedIn = false;
    let next: SignedIn = {};
    const problem = await attemptAuth('sign-up', async (options) => {
      const result = await authClient.signUp.email(
        {
          name: fields.name.trim(),
          email: fields.email.trim(),
          password: fields.password,
        },
        options,
      );
      signedIn = Boolean(result.data?.token);
      next = (result.data ?? {}) as SignedIn;
      return result;
    });
    setBusy(false);
    if (problem) return setFailure(problem);
    await onSignedUp(signedIn, next);
  };

  const field = (
    name: keyof typeof fields,
    label: string,
    type: 'text' | 'email' | 'password',
    autoComplete: string,
    hint?: string,
  ) => (
    <TextField
      id={`sign-up-${name}`}
      label={label}
      type={type}
      autoComplete={autoComplete}
      hint={hint}
      value={fields[name]}
      onChange={(value) => setFields({ ...fields, [name]: value })}
      error={errors[name]}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      {field('name', 'Name', 'text', 'name')}
      {field('email', 'Email', 'email', 'email')}
      {field('password', 'Password', 'password', 'new-password', `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`)}
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <button type="submit" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
