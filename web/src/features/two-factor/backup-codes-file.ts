/** The name the backup codes are saved under. */
export const BACKUP_CODES_FILE = 'taskvault-backup-codes.txt';

/** The text of the downloaded file: what the codes are for, then one code a line. */
export function backupCodesText(codes: string[], email?: string): string {
  return [
    `Taskvault backup codes${email ? ` for ${email}` : ''}`,
    'Each code signs you in once, instead of a code from your authenticator app.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/**
 * A data: URL rather than a blob: URL, so the link needs no script and nothing to revoke; the
 * codes never leave the browser.
 */
export function backupCodesHref(codes: string[], email?: string): string {
  return `data:text/plain;charset=utf-8,${encodeURIComponent(backupCodesText(codes, email))}`;
}
