import { useEffect, useRef } from 'react';

/**
 * Keyboard focus follows a "really?" question: onto its Cancel button when asked, back to the
 * button that asked when cancelled (not on the first render, when nothing was asked yet).
 */
export function useConfirmFocus(confirming: boolean) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (asked.current) askButton.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);
  return { cancelButton, askButton };
}
