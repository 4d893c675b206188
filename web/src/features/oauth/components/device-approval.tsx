import { useEffect, useRef, useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import { oauthApi, OAuthApiError, type DeviceVerification } from '../api/oauth-api';
import { usePublicClient } from '../api/use-oauth';
import { formatUserCode, normalizeUserCode } from '../oauth-query';
import { ScopeList } from './scope-list';
import './oauth.css';

const CODE_MAX = 32;

/** RFC 8628 answers about a user code, in words: what happened and what to do. */
function describeCodeFailure(error: unknown): string {
  if (error instanceof OAuthApiError) {
    if (error.code === 'expired_token') return 'This code has expired. Ask the app for a new code and enter that one.';
    if (error.status === 400) {
      return /already processed/i.test(error.message)
        ? 'This code has already been used. Ask the app for a new code if it is still waiting.'
        : 'We don’t know this code. Check it against the one the app shows, or ask the app for a new one.';
    }
    if (error.status === 403) return 'This code is being confirmed by another account.';
  }
  return describeError(error);
}

type Step =
  | { step: 'enter' }
  | { step: 'review'; code: string; verification: DeviceVerification }
  | { step: 'done'; approved: boolean };

function Review({
  code,
  verification,
  account,
  onDecided,
  onBack,
}: {
  code: string;
  verification: DeviceVerification;
  account: string;
  onDecided: (approved: boolean) => void;
  onBack: () => void;
}) {
  const app = usePublicClient(verification.client_id);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const name = app.data?.client_name || (app.isPending ? 'An app' : 'An unnamed app');

  const decide = async (approve: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await oauthApi.decideDevice(code, approve);
      onDecided(approve);
    } catch (error) {
      setBusy(false);
      setFailure(describeCodeFailure(error));
    }
  };

  return (
    <section aria-labelledby="device-review-heading">
      <h2 id="device-review-heading" ref={heading} tabIndex={-1}>
        {name} wants to sign in to your Taskvault account
      </h2>
      <dl className="consent-facts">
        <dt>Code</dt>
        <dd>
          <code>{formatUserCode(code)}</code>
        </dd>
        <dt>Account</dt>
        <dd>{account}</dd>
      </dl>
      <p className="hint">Only approve if you started this on your own device and it shows the same code.</p>
      <h3>If you approve, {name} can:</h3>
      <ScopeList scopes={verification.scope} label={`What ${name} asks for`} />
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <div className="actions" role="group" aria-label="Your decision">
        <button type="button" onClick={() => void decide(true)} disabled={busy}>
          Approve
        </button>
        <button type="button" className="secondary" onClick={() => void decide(false)} disabled={busy}>
          Deny
        </button>
        <button type="button" className="link-button" onClick={onBack} disabled={busy}>
          Enter another code
        </button>
      </div>
    </section>
  );
}

/**
 * /device (RFC 8628 §3.3): the user types the code a command-line tool shows, sees which app
 * asks and for what, and approves or denies. A code in the address (verification_uri_complete)
 * is filled in but not sent until the user presses Continue: opening a link alone claims nothing.
 */
export function DeviceApproval({ initialCode, account }: { initialCode?: string; account: string }) {
  const [typed, setTyped] = useState(initialCode ? formatUserCode(normalizeUserCode(initialCode)) : '');
  const [fieldError, setFieldError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<Step>({ step: 'enter' });
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.step === 'done') outcome.current?.focus();
  }, [state]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const code = normalizeUserCode(typed);
    const problem = !code
      ? 'Enter the code the app shows.'
      : code.length > CODE_MAX
        ? 'That is longer than any code we give out. Check it against the app.'
        : undefined;
    setFieldError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const verification = await oauthApi.device(code);
      if (verification.status !== 'pending') {
        setFailure(`This code was already ${verification.status}. Ask the app for a new code if it is still waiting.`);
      } else if (!verification.client_id) {
        setFailure('This code is being confirmed by another account.');
      } else {
        setState({ step: 'review', code, verification });
      }
    } catch (error) {
      setFailure(describeCodeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  if (state.step === 'review') {
    return (
      <Review
        code={state.code}
        verification={state.verification}
        account={account}
        onDecided={(approved) => setState({ step: 'done', approved })}
        onBack={() => setState({ step: 'enter' })}
      />
    );
  }
  if (state.step === 'done') {
    return (
      <p role="status" className="message" tabIndex={-1} ref={outcome}>
        {state.approved
          ? 'Approved. Go back to your device: it is signed in now. You can revoke it in Account → Connected apps.'
          : 'Denied. The app was not given access.'}
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="device-code-heading">
      <h2 id="device-code-heading">Enter the code from your device</h2>
      <div className="field">
        <label htmlFor="device-code">Code</label>
        <p id="device-code-hint" className="hint">
          8 letters and digits, like ABCD-EFGH. The dash and upper or lower case don’t matter.
        </p>
        <input
          id="device-code"
          className="device-code"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          aria-invalid={Boolean(fieldError)}
          aria-describedby={fieldError ? 'device-code-hint device-code-error' : 'device-code-hint'}
          required
        />
        {fieldError && (
          <p id="device-code-error" className="field-error">
            {fieldError}
          </p>
        )}
      </div>
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
