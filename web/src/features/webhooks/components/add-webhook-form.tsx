import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { ApiError, describeError } from '../../../lib/api-error';
import { codePoints } from '../../../lib/validation';
import type { CreatedWebhook, WebhookEvent } from '../api/webhooks-api';
import { useCreateWebhook } from '../api/use-webhooks';
import { DESCRIPTION_MAX, EVENT_CHOICES } from './webhook-events';

/**
 * What the browser can tell before asking: an absolute http(s) URL. Whether the address may be
 * reached (https, loopback, private ranges) is the server's call, and its 400 says why.
 */
function urlProblem(value: string): string | undefined {
  if (!value) return 'Enter the URL that should receive the events.';
  try {
    const { protocol } = new URL(value);
    if (protocol === 'https:' || protocol === 'http:') return undefined;
  } catch {
    // falls through to the same sentence
  }
  return 'Enter a full URL starting with https://';
}

/** URL, events and a description of a new webhook; hands the created webhook (with its secret) up once. */
export function AddWebhookForm({ onCreated }: { onCreated: (webhook: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(EVENT_CHOICES.map(({ event }) => event));
  const [urlError, setUrlError] = useState<string>();
  const [descriptionError, setDescriptionError] = useState<string>();
  const [eventsError, setEventsError] = useState<string>();
  const [error, setError] = useState<string>();
  const create = useCreateWebhook();

  const toggle = (event: WebhookEvent, checked: boolean) =>
    setEvents((current) =>
      checked
        ? EVENT_CHOICES.map((choice) => choice.event).filter((item) => item === event || current.includes(item))
        : current.filter((item) => item !== event),
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const trimmedUrl = url.trim();
    const trimmedDescription = description.trim();
    const badUrl = urlProblem(trimmedUrl);
    const badDescription =
      codePoints(trimmedDescription) > DESCRIPTION_MAX ? `Use at most ${DESCRIPTION_MAX} characters.` : undefined;
    const badEvents = events.length === 0 ? 'Choose at least one event.' : undefined;
    setUrlError(badUrl);
    setDescriptionError(badDescription);
    setEventsError(badEvents);
    if (badUrl || badDescription || badEvents) return;
    try {
      const created = await create.mutateAsync({ url: trimmedUrl, events, description: trimmedDescription });
      setUrl('');
      setDescription('');
      onCreated(created);
    } catch (failure) {
      // A refused address comes back as a 400 about `url`: said at the field, which takes focus
      // (its description reads the reason out); anything else is an alert under the form.
      const fieldErrors = failure instanceof ApiError ? (failure.problem.errors ?? []) : [];
      const aboutUrl = fieldErrors.find((item) => item.field === 'url');
      if (aboutUrl) {
        setUrlError(`The server refused this URL: ${aboutUrl.message}.`);
        document.getElementById('webhook-url')?.focus();
      } else setError(describeError(failure));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-webhook-heading">
      <h3 id="new-webhook-heading">Add a webhook</h3>
      <TextField
        id="webhook-url"
        label="Endpoint URL"
        value={url}
        onChange={setUrl}
        hint="An https address of yours that accepts POST requests, e.g. https://example.com/taskvault-hook."
        error={urlError}
      />
      <fieldset className="choices" aria-describedby={eventsError ? 'webhook-events-error' : undefined}>
        <legend>Send an event when</legend>
        {EVENT_CHOICES.map(({ event, label }) => (
          <div className="checkbox-field" key={event}>
            <input
              id={`event-${event}`}
              type="checkbox"
              checked={events.includes(event)}
              onChange={(change) => toggle(event, change.target.checked)}
              aria-describedby={`event-${event}-hint`}
            />
            <label htmlFor={`event-${event}`}>{label}</label>
            <code id={`event-${event}-hint`} className="hint">
              {event}
            </code>
          </div>
        ))}
        {eventsError && (
          <p id="webhook-events-error" className="field-error">
            {eventsError}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="webhook-description">Description (optional)</label>
        <input
          id="webhook-description"
          value={description}
          onChange={(change) => setDescription(change.target.value)}
          aria-invalid={Boolean(descriptionError)}
          aria-describedby={descriptionError ? 'webhook-description-error' : undefined}
        />
        {descriptionError && (
          <p id="webhook-description-error" className="field-error">
            {descriptionError}
          </p>
        )}
      </div>
      <StatusMessage kind="alert">{error}</StatusMessage>
      <button type="submit" disabled={create.isPending}>
        Add webhook
      </button>
    </form>
  );
}
