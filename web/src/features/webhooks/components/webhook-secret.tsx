import { useEffect, useRef } from 'react';
import { CopyButton } from '../../../components/copy-button';
import type { CreatedWebhook } from '../api/webhooks-api';

/**
 * A webhook's signing secret right after it was created or rotated, shown this once (the server
 * cannot show it again). It takes focus so keyboard and screen-reader users land on it.
 */
export function WebhookSecret({
  webhook,
  rotated,
  onDone,
}: {
  webhook: CreatedWebhook;
  rotated: boolean;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const ids = `webhook-secret-${webhook.id}`;
  return (
    <div className="webhook-secret shown-once" role="region" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {rotated ? 'New signing secret' : 'Webhook added: its signing secret'}
      </h3>
      <p className="message message-warning" id={`${ids}-warning`}>
        Copy the secret now: you won’t see it again. Your receiver uses it to check that a request really comes from
        Taskvault; keep it like a password.
        {rotated &&
          ' The previous secret keeps working for 24 hours (both sign every delivery), so you can update your receiver without missing events.'}
      </p>
      <div className="field">
        <label htmlFor={`${ids}-value`}>Signing secret</label>
        <input
          id={`${ids}-value`}
          readOnly
          value={webhook.secret}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-warning`}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <CopyButton value={webhook.secret} what="Secret" className="" />{' '}
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
