import { useState } from 'react';

/**
 * Copies a value shown once (a secret, backup codes) and says in a live region whether it worked:
 * the clipboard may be refused, and then the person must know to copy by hand.
 */
export function CopyButton({
  value,
  what,
  className = 'secondary',
}: {
  value: string;
  what: string;
  className?: string;
}) {
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(`${what} copied to the clipboard.`);
    } catch {
      setCopied(`Could not copy: select the ${what.toLowerCase()} and copy by hand.`);
    }
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        Copy {what.toLowerCase()}
      </button>
      {copied && <p role="status">{copied}</p>}
    </>
  );
}
