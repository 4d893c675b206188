import { useEffect, useRef } from 'react';

/**
 * The outcome of an action that removed what had the focus (a revoked or deleted row): a polite
 * status that takes the focus itself, so keyboard and screen-reader users are not left at the top.
 */
export function FocusedOutcome({ message }: { message: string | undefined }) {
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) outcome.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <p role="status" className="message" tabIndex={-1} ref={outcome}>
      {message}
    </p>
  );
}
