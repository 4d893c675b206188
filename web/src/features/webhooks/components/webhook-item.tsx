import { useRef, useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { useConfirmFocus } from '../../../components/use-confirm-focus';
import { ApiError, describeError } from '../../../lib/api-error';
import type { CreatedWebhook, Webhook } from '../api/webhooks-api';
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestEvent, useUpdateWebhook } from '../api/use-webhooks';
import { DeliveryLog } from './delivery-log';
import { EVENT_CHOICES, formatWhen } from './webhook-events';
import { WebhookSecret } from './webhook-secret';

/** Whether the webhook is on, and if not why: a failing endpoint is what the owner must not miss. */
function WebhookState({ webhook }: { webhook: Webhook }) {
  if (webhook.enabled && webhook.failingSince)
    return (
      <p className="message message-warning">
        <strong>Failing since {formatWhen(webhook.failingSince)}.</strong> Deliveries are being retried; after 3 days of
        failures the webhook is turned off.
      </p>
    );
  if (webhook.enabled) return <span className="badge">Enabled</span>;
  if (webhook.disabledReason === 'failing')
    return (
      <p className="message message-error webhook-failing">
        <strong>
          Disabled: failing since {webhook.failingSince ? formatWhen(webhook.failingSince) : 'more than 3 days'}.
        </strong>{' '}
        Its endpoint kept failing, so Taskvault stopped sending events. Fix the receiver, then enable it again.
      </p>
    );
  return <span className="badge badge-off">Disabled by you</span>;
}

interface WebhookItemProps {
  webhook: Webhook;
  /** An outcome that removes the row (deleted here, or found gone): the list says it, with focus. */
  onGone: (message: string) => void;
}

export function WebhookItem({ webhook, onGone }: WebhookItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [rotated, setRotated] = useState<CreatedWebhook>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const update = useUpdateWebhook(webhook.id);
  const remove = useDeleteWebhook(webhook.id);
  const rotate = useRotateWebhookSecret(webhook.id);
  const sendTest = useSendTestEvent(webhook.id);

  const { cancelButton, askButton: deleteButton } = useConfirmFocus(confirming);
  const rotateButton = useRef<HTMLButtonElement>(null);

  const run = async (action: () => Promise<string | undefined>) => {
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await action());
    } catch (failure) {
      // Deleted in another tab or by a script: the list, refreshed, drops the row with this message.
      if (failure instanceof ApiError && failure.status === 404)
        onGone(`The webhook to ${webhook.url} no longer exists: it was deleted elsewhere.`);
      else setError(describeError(failure));
    }
  };

  const toggleEnabled = () =>
    run(async () => {
      const changed = await update.mutateAsync({ enabled: !webhook.enabled });
      return changed.enabled ? 'Enabled: events are sent again.' : 'Disabled: no events are sent until you enable it.';
    });
  const test = () =>
    run(async () => {
      await sendTest.mutateAsync();
      setShowLog(true);
      return 'Test event queued: see the delivery log.';
    });
  const rotateSecret = () =>
    run(async () => {
      setRotated(await rotate.mutateAsync());
      return undefined;
    });
  const confirmDelete = () =>
    run(async () => {
      await remove.mutateAsync();
      onGone(`Deleted the webhook to ${webhook.url}. No more events are sent there.`);
      return undefined;
    });

  const headingId = `webhook-${webhook.id}-url`;
  const confirmId = `webhook-${webhook.id}-confirm`;
  const events = EVENT_CHOICES.filter(({ event }) => webhook.events.includes(event)).map(({ event }) => event);
  return (
    <li aria-labelledby={headingId} className="webhook">
      <h3 id={headingId} className="webhook-url">
        {webhook.url}
      </h3>
      {webhook.description && <p className="webhook-description">{webhook.description}</p>}
      <WebhookState webhook={webhook} />
      <p className="hint">
        Events: {events.join(', ')} · added {formatWhen(webhook.createdAt)}
        {webhook.previousSecretExpiresAt &&
          ` · the previous secret works until ${formatWhen(webhook.previousSecretExpiresAt)}`}
      </p>

      {rotated && (
        <WebhookSecret
          webhook={rotated}
          rotated
          onDone={() => {
            setRotated(undefined);
            rotate.reset(); // the mutation's copy of the secret goes too
            rotateButton.current?.focus();
          }}
        />
      )}

      <div className="actions">
        <button
          type="button"
          className="secondary"
          aria-describedby={headingId}
          aria-expanded={showLog}
          aria-controls={`webhook-${webhook.id}-log`}
          onClick={() => setShowLog((shown) => !shown)}
        >
          {showLog ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        <button
          type="button"
          className="secondary"
          aria-describedby={headingId}
          onClick={() => void test()}
          disabled={sendTest.isPending}
        >
          Send a test event
        </button>
        <button
          type="button"
          className="secondary"
          aria-describedby={headingId}
          onClick={() => void toggleEnabled()}
          disabled={update.isPending}
        >
          {webhook.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="secondary"
          ref={rotateButton}
          aria-describedby={headingId}
          onClick={() => void rotateSecret()}
          disabled={rotate.isPending}
        >
          Rotate secret
        </button>
        {!confirming && (
          <button
            type="button"
            className="danger"
            ref={deleteButton}
            aria-describedby={headingId}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <p role="group" aria-labelledby={confirmId} className="confirm">
          <span id={confirmId}>Delete the webhook to {webhook.url}? Its delivery log goes with it.</span>{' '}
          <button type="button" className="danger" onClick={() => void confirmDelete()} disabled={remove.isPending}>
            Yes, delete
          </button>{' '}
          <button type="button" className="secondary" ref={cancelButton} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      )}
      <StatusMessage>{message}</StatusMessage>
      <StatusMessage kind="alert">{error}</StatusMessage>
      <div id={`webhook-${webhook.id}-log`} hidden={!showLog}>
        {showLog && <DeliveryLog webhook={webhook} />}
      </div>
    </li>
  );
}
