import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import type { Webhook, WebhookDelivery } from '../api/webhooks-api';
import { useWebhookDeliveries } from '../api/use-webhooks';
import { ERROR_LABELS, STATUS_LABELS, formatWhen } from './webhook-events';

function Outcome({ delivery }: { delivery: WebhookDelivery }) {
  const reason = delivery.error ? ERROR_LABELS[delivery.error] : undefined;
  return (
    <>
      <span className={`delivery-status delivery-${delivery.status}`}>{STATUS_LABELS[delivery.status]}</span>
      {reason && <span className="hint"> ({reason})</span>}
      {delivery.nextAttemptAt && delivery.status === 'retrying' && (
        <span className="hint">
          {' '}
          · next try <time dateTime={delivery.nextAttemptAt}>{formatWhen(delivery.nextAttemptAt)}</time>
        </span>
      )}
    </>
  );
}

/** The last 50 deliveries to one webhook, newest first: status and timing only, never the receiver's body. */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const deliveries = useWebhookDeliveries(webhook.id);
  const captionId = `deliveries-${webhook.id}-caption`;
  if (deliveries.isPending) return <p role="status">Loading deliveries…</p>;
  if (deliveries.isError) return <StatusMessage kind="alert">{describeError(deliveries.error)}</StatusMessage>;
  return (
    <div className="delivery-log">
      {deliveries.data.length === 0 ? (
        <p>No deliveries yet. Send a test event, or change a task.</p>
      ) : (
        <div className="table-scroll" role="group" aria-labelledby={captionId} tabIndex={0}>
          <table>
            <caption id={captionId}>Last deliveries to {webhook.url}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">HTTP status</th>
                <th scope="col">Duration</th>
                <th scope="col">Attempts</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code>{delivery.event}</code>
                  </td>
                  <td>
                    <Outcome delivery={delivery} />
                  </td>
                  <td>{delivery.responseStatus ?? '—'}</td>
                  <td>{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</td>
                  <td>{delivery.attempt}</td>
                  <td>
                    <time dateTime={delivery.lastAttemptAt ?? delivery.createdAt}>
                      {formatWhen(delivery.lastAttemptAt ?? delivery.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* Not disabled while fetching: the log asks again every second while a delivery is under way,
          and a button that keeps turning off loses the keyboard focus. */}
      <button type="button" className="secondary" onClick={() => void deliveries.refetch()}>
        Refresh deliveries
      </button>
    </div>
  );
}
