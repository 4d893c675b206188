import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';
import { type AuthFailure, describeAuthFailure, retryAfterOf } from '../auth-errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ onSignedIn }: { onSignedIn: () => void | Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const validate = () => {
    const next: typeof errors = {};
    if (!EMAIL.test(email.trim())) next.email = 'Enter your email address, like name@example.com.';
    if (password.length === 0) next.password = 'Enter your password.';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!validate()) return;
    setBusy(true);
    let retryAfterSeconds: number | undefined;
    const { error } = await authClient.signIn.email(
      { email: email.trim(), password },
      { onError: (context) => void (retryAfterSeconds = retryAfterOf(context.response)) },
    );
    setBusy(false);
    if (error) {
      setFailure(
        describeAuthFailure(
          { status: error.status, retryAfterSeconds, message: error.message } as AuthFailure,
          'sign-in',
        ),
      );
      return;
    }
    await onSignedIn();
  };

  return (
    <form onSubmit={submit} noValidate aria-describedby={failure ? 'sign-in-failure' : undefined}>
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? 'sign-in-email-error' : undefined}
          required
        />
        {errors.email && (
          <p id="sign-in-email-error" className="field-error">
            {errors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? 'sign-in-password-error' : undefined}
          required
        />
        {errors.password && (
          <p id="sign-in-password-error" className="field-error">
            {errors.password}
          </p>
        )}
      </div>
      <div id="sign-in-failure">
        <StatusMessage kind="alert">{failure}</StatusMessage>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
