import { useEffect, useRef } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { BACKUP_CODES_FILE, backupCodesHref, backupCodesText } from '../backup-codes-file';

/**
 * The backup codes, shown this once (the server keeps them encrypted and never shows them again):
 * download, copy, and what they are for. Takes focus so keyboard and screen-reader users land here.
 */
export function BackupCodes({ codes, email, onDone }: { codes: string[]; email?: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="backup-codes" role="region" aria-labelledby="backup-codes-heading">
      <h3 id="backup-codes-heading" ref={heading} tabIndex={-1}>
        Your backup codes
      </h3>
      <p className="message message-warning" id="backup-codes-note">
        Save these codes now: this is the only time they are shown. Keep them somewhere safe, apart from your phone. If
        you lose your device, sign in with your password and one of these codes instead of a code from the app. Each
        code works once.
      </p>
      <ul aria-describedby="backup-codes-note" className="backup-code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <a className="button" href={backupCodesHref(codes, email)} download={BACKUP_CODES_FILE}>
        Download
      </a>{' '}
      <CopyButton value={backupCodesText(codes, email)} what="Backup codes" />{' '}
      <button type="button" onClick={onDone}>
        I have saved them
      </button>
    </div>
  );
}
