import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';
import { describeAuthFailure, retryAfterOf } from '../auth-errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function SignUpForm({ onSignedUp }: { onSignedUp: () => void | Promise<void> }) {
  const [fields, setFields] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof fields, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields({ ...fields, [name]: event.target.value });

  const validate = () => {
    const next: typeof errors = {};
    if (!fields.name.trim()) next.name = 'Enter your name.';
    else if ([...fields.name.trim()].length > 100) next.name = 'Use at most 100 characters.';
    if (!EMAIL.test(fields.email.trim())) next.email = 'Enter your email address, like name@example.com.';
    if ([...fields.password].length < PASSWORD_MIN) next.password = `Use at least ${PASSWORD_MIN} characters.`;
    else if ([...fields.password].length > PASSWORD_MAX) next.password = `Use at most ${PASSWORD_MAX} characters.`;
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!validate()) return;
    setBusy(true);
    let retryAfterSeconds: number | undefined;
    const { error } = await authClient.signUp.email(
      { name: fields.name.trim(), email: fields.email.trim(), password: fields.password },
      { onError: (context) => void (retryAfterSeconds = retryAfterOf(context.response)) },
    );
    setBusy(false);
    if (error) {
      setFailure(describeAuthFailure({ status: error.status, retryAfterSeconds, message: error.message }, 'sign-up'));
      return;
    }
    await onSignedUp();
  };

  const field = (name: keyof typeof fields, label: string, type: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`sign-up-${name}`}>{label}</label>
      {hint && (
        <p id={`sign-up-${name}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input
        id={`sign-up-${name}`}
        type={type}
        autoComplete={autoComplete}
        value={fields[name]}
        onChange={set(name)}
        required
        aria-invalid={Boolean(errors[name])}
        aria-describedby={
          [hint ? `sign-up-${name}-hint` : '', errors[name] ? `sign-up-${name}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
      />
      {errors[name] && (
        <p id={`sign-up-${name}-error`} className="field-error">
          {errors[name]}
        </p>
      )}
    </div>
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
