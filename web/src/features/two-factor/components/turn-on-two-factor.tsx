import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';
import { secretOf } from '../otpauth';
import { twoFactorProblem } from '../two-factor-problem';
import { PasswordConfirmForm } from './password-confirm-form';

const TOTP_CODE = /^[0-9]{6}$/;
/** Side of the QR code in CSS pixels: large enough for a phone camera at arm's length. */
const QR_SIZE = 192;

interface Setup {
  totpURI: string;
  backupCodes: string[];
}

/**
 * Turning two-factor sign-in on: the password, then the secret (QR code and text), then a code
 * from the app. Better Auth keeps it off until that code is confirmed, so a secret that never
 * reached an app cannot lock anyone out.
 */
export function TurnOnTwoFactor({
  onConfirmed,
  onCancel,
}: {
  onConfirmed: (backupCodes: string[]) => void;
  onCancel: () => void;
}) {
  const [setup, setSetup] = useState<Setup>();

  if (!setup)
    return (
      <PasswordConfirmForm
        id="two-factor-on"
        explanation="To turn on two-factor sign-in, confirm your password."
        submitLabel="Continue"
        onCancel={onCancel}
        onConfirm={async (password) => {
          const { data, error } = await authClient.twoFactor.enable({ password });
          // Taskvault offers TOTP only; the plugin's mailed codes ("otp") are turned off on the server.
          if (error || data?.method !== 'totp') return twoFactorProblem(error ?? {});
          setSetup({ totpURI: data.totpURI, backupCodes: data.backupCodes });
          return undefined;
        }}
      />
    );
  return <ConfirmSecret setup={setup} onConfirmed={() => onConfirmed(setup.backupCodes)} onCancel={onCancel} />;
}

function ConfirmSecret({
  setup,
  onConfirmed,
  onCancel,
}: {
  setup: Setup;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const secret = secretOf(setup.totpURI) ?? '';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const entered = code.replace(/\s+/g, '');
    if (!TOTP_CODE.test(entered)) return setError('Enter the 6-digit code your authenticator app shows.');
    setError(undefined);
    setBusy(true);
    const { error: refused } = await authClient.twoFactor.verifyTotp({ code: entered });
    setBusy(false);
    if (refused) return setFailure(twoFactorProblem(refused));
    onConfirmed();
  };

  return (
    <div role="region" aria-labelledby="two-factor-setup-heading">
      <h3 id="two-factor-setup-heading" ref={heading} tabIndex={-1}>
        Add Taskvault to your authenticator app
      </h3>
      <ol className="steps">
        <li>Scan the QR code with your authenticator app, or type the secret key into it.</li>
        <li>Enter the 6-digit code the app then shows.</li>
      </ol>
      <div className="two-factor-secret">
        <QRCodeSVG
          value={setup.totpURI}
          size={QR_SIZE}
          marginSize={4}
          bgColor="#ffffff"
          fgColor="#000000"
          role="img"
          aria-label="QR code of your two-factor secret, to scan with your authenticator app"
        />
        <div>
          <div className="field">
            <label htmlFor="two-factor-secret-key">Secret key</label>
            <p id="two-factor-secret-key-hint" className="hint">
              If you cannot scan the code, type this key into your app (time-based, 6 digits).
            </p>
            <input
              id="two-factor-secret-key"
              readOnly
              value={secret}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="two-factor-secret-key-hint"
              onFocus={(event) => event.target.select()}
            />
          </div>
          <CopyButton value={secret} what="Secret key" />
        </div>
      </div>
      <form onSubmit={submit} noValidate>
        <TextField
          id="two-factor-confirm-code"
          label="Code from your authenticator app"
          autoComplete="one-time-code"
          value={code}
          onChange={setCode}
          error={error}
        />
        <StatusMessage kind="alert">{failure}</StatusMessage>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Turn on'}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </div>
  );
}
