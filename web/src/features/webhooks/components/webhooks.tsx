import { useRef, useState } from 'react';
import { FocusedOutcome } from '../../../components/focused-outcome';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import type { CreatedWebhook } from '../api/webhooks-api';
import { useWebhooks } from '../api/use-webhooks';
import { AddWebhookForm } from './add-webhook-form';
import { WEBHOOKS_MAX } from './webhook-events';
import { WebhookItem } from './webhook-item';
import { WebhookSecret } from './webhook-secret';
import './webhooks.css';

function WebhooksList({ headingRef }: { headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const webhooks = useWebhooks();
  const [message, setMessage] = useState<string>();
  if (webhooks.isPending) return <p role="status">Loading webhooks…</p>;
  if (webhooks.isError) return <StatusMessage kind="alert">{describeError(webhooks.error)}</StatusMessage>;
  const failing = webhooks.data.filter((webhook) => webhook.disabledReason === 'failing').length;
  return (
    <>
      <h2 id="webhooks-list-heading" ref={headingRef} tabIndex={-1}>
        Your webhooks
      </h2>
      {failing > 0 && (
        <p className="message message-error">
          {failing === 1
            ? 'One webhook was turned off because its endpoint kept failing.'
            : `${failing} webhooks were turned off because their endpoints kept failing.`}
        </p>
      )}
      {webhooks.data.length === 0 ? (
        <p>You have no webhooks.</p>
      ) : (
        <ul className="webhooks" aria-labelledby="webhooks-list-heading">
          {webhooks.data.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} onGone={setMessage} />
          ))}
        </ul>
      )}
      {/* The row is gone, and focus with it: the outcome takes it. */}
      <FocusedOutcome message={message} />
    </>
  );
}

/** Account → Webhooks: addresses of the user's own that Taskvault tells about changes to their tasks. */
export function Webhooks() {
  const [created, setCreated] = useState<CreatedWebhook>();
  const listHeading = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby="webhooks-heading" className="webhooks-section">
      <h2 id="webhooks-heading">Tell your own service when tasks change</h2>
      <p>
        A webhook sends a signed POST request to your URL whenever one of your tasks changes, so your own service hears
        about it at once instead of polling. Requests follow the Standard Webhooks format: check the{' '}
        <code>webhook-signature</code> header with the secret shown when you add the webhook.
      </p>
      <ul className="hint-list">
        <li>At most {WEBHOOKS_MAX} webhooks. The address must be public and use https.</li>
        <li>
          Failed deliveries are retried for 24 hours; an endpoint failing for 3 days is turned off and you are told.
        </li>
      </ul>
      {created ? (
        <WebhookSecret
          webhook={created}
          rotated={false}
          onDone={() => {
            setCreated(undefined);
            // The secret is gone; the new webhook is in the list below.
            listHeading.current?.focus();
          }}
        />
      ) : (
        <AddWebhookForm onCreated={setCreated} />
      )}
      <WebhooksList headingRef={listHeading} />
    </section>
  );
}
