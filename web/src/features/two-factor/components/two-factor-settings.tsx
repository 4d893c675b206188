import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';
import { twoFactorProblem } from '../two-factor-problem';
import { BackupCodes } from './backup-codes';
import { PasswordConfirmForm } from './password-confirm-form';
import { TurnOnTwoFactor } from './turn-on-two-factor';
import './two-factor.css';

type Step = 'idle' | 'turning-on' | 'regenerating' | 'turning-off';

/**
 * Account → Security: whether two-factor sign-in is on, and turning it on or off, or making new
 * backup codes. The session says whether it is on (refreshed after every two-factor call).
 */
export function TwoFactorSettings({ onSessionChanged }: { onSessionChanged?: () => void }) {
  const { data } = authClient.useSession();
  const enabled = Boolean(data?.user.twoFactorEnabled);
  const [step, setStep] = useState<Step>('idle');
  const [codes, setCodes] = useState<string[]>();
  const [result, setResult] = useState<string>();

  const begin = (next: Step) => {
    setResult(undefined);
    setStep(next);
  };
  const finish = (message: string, newCodes?: string[]) => {
    setCodes(newCodes);
    setResult(message);
    setStep('idle');
  };
  // Better Auth replaces the session when two-factor is turned on or off: lists of sessions are stale.
  const changed = (message: string, newCodes?: string[]) => {
    finish(message, newCodes);
    onSessionChanged?.();
  };

  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <p>
        Status: <strong>{enabled ? 'On' : 'Off'}</strong>.{' '}
        {enabled
          ? 'Signing in takes your password and a code from your authenticator app.'
          : 'Signing in takes only your password. With two-factor sign-in, a stolen password is not enough.'}
      </p>
      {enabled && (
        <p className="hint">
          Lost your device? On the sign-in page, after your password, enter one of your backup codes instead of the code
          from the app. Then make new backup codes here, or turn two-factor sign-in off and on again with your new
          device.
        </p>
      )}
      <StatusMessage>{result}</StatusMessage>
      {codes && <BackupCodes codes={codes} email={data?.user.email} onDone={() => setCodes(undefined)} />}
      {step === 'turning-on' && (
        <TurnOnTwoFactor
          onCancel={() => setStep('idle')}
          onConfirmed={(backupCodes) => changed('Two-factor sign-in is on.', backupCodes)}
        />
      )}
      {step === 'regenerating' && (
        <PasswordConfirmForm
          id="backup-codes-new"
          explanation="New backup codes replace all the old ones. Confirm your password."
          submitLabel="Make new backup codes"
          onCancel={() => setStep('idle')}
          onConfirm={async (password) => {
            const { data: made, error } = await authClient.twoFactor.generateBackupCodes({ password });
            if (error || !made) return twoFactorProblem(error ?? {});
            finish('New backup codes made: the old ones no longer work.', made.backupCodes);
            return undefined;
          }}
        />
      )}
      {step === 'turning-off' && (
        <PasswordConfirmForm
          id="two-factor-off"
          explanation="Without two-factor sign-in, your password alone signs in. Confirm your password."
          submitLabel="Turn off two-factor sign-in"
          onCancel={() => setStep('idle')}
          onConfirm={async (password) => {
            const { error } = await authClient.twoFactor.disable({ password });
            if (error) return twoFactorProblem(error);
            changed('Two-factor sign-in is off.');
            return undefined;
          }}
        />
      )}
      {step === 'idle' && !codes && (
        <p>
          {enabled ? (
            <>
              <button type="button" onClick={() => begin('regenerating')}>
                Make new backup codes
              </button>{' '}
              <button type="button" className="secondary" onClick={() => begin('turning-off')}>
                Turn off two-factor sign-in
              </button>
            </>
          ) : (
            <button type="button" onClick={() => begin('turning-on')}>
              Turn on two-factor sign-in
            </button>
          )}
        </p>
      )}
    </section>
  );
}
