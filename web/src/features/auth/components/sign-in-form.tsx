import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { EMAIL_PATTERN } from '../../../lib/validation';
import { authClient } from '../../../lib/auth-client';
import { attemptAuth } from '../auth-errors';
import type { SignedIn } from '../signed-in';
import { SecondStepForm } from './second-step-form';

export function SignInForm({ onSignedIn }: { onSignedIn: (result: SignedIn) => void | Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [unverified, setUnverified] = useState(false);
  const [resent, setResent] = useState<string>();
  const [secondStep, setSecondStep] = useState(false);

  const validate = () => {
    const next: typeof errors = {};
    if (!EMAIL_PATTERN.test(email.trim())) next.email = 'Enter your email address, like name@example.com.';
    if (password.length === 0) next.password = 'Enter your password.';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setUnverified(false);
    setResent(undefined);
    if (!validate()) return;
    setBusy(true);
    let result: SignedIn = {};
    const problem = await attemptAuth(
      'sign-in',
      async (options) => {
        const answer = await authClient.signIn.email({ email: email.trim(), password }, options);
        result = (answer.data ?? {}) as SignedIn;
        return answer;
      },
      (refused) => setUnverified(refused.code === 'EMAIL_NOT_VERIFIED'),
    );
    setBusy(false);
    if (problem) return setFailure(problem);
    if (result.twoFactorRedirect) return setSecondStep(true);
    await onSignedIn(result);
  };

  const resend = async () => {
    const problem = await attemptAuth('request', (options) =>
      authClient.sendVerificationEmail({ email: email.trim() }, options),
    );
    setResent(problem ?? 'A new confirmation link is on its way.');
  };

  if (secondStep) return <SecondStepForm onSignedIn={onSignedIn} />;

  return (
    <form onSubmit={submit} noValidate aria-describedby={failure ? 'sign-in-failure' : undefined}>
      <TextField
        id="sign-in-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
      <TextField
        id="sign-in-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <div id="sign-in-failure">
        <StatusMessage kind="alert">{failure}</StatusMessage>
      </div>
      {unverified && (
        <p>
          <button type="button" className="link-button" onClick={() => void resend()}>
            Send the confirmation link again
          </button>
        </p>
      )}
      <StatusMessage>{resent}</StatusMessage>
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
