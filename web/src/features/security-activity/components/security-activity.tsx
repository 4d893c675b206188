import { StatusMessage } from '../../../components/status-message';
import type { SecurityEvent } from '../api/security-activity-api';
import { useSecurityActivity } from '../api/use-security-activity';
import { absoluteTime, describeEvent, isWarning, relativeTime } from './event-descriptions';
import { NotMe } from './not-me';
import './security-activity.css';

function EventRow({ event }: { event: SecurityEvent }) {
  const at = new Date(event.occurredAt);
  const where = [event.device ?? 'Unknown device', event.ip].filter(Boolean).join(' · ');
  return (
    <li className={isWarning(event) ? 'activity-event activity-warning' : 'activity-event'}>
      <strong>{describeEvent(event)}</strong>
      {event.thisDevice && <span className="badge">This device</span>}
      <br />
      <span className="hint">
        <time dateTime={event.occurredAt} title={absoluteTime.format(at)}>
          {relativeTime(at)}
        </time>{' '}
        ({absoluteTime.format(at)}) · {where}
      </span>
    </li>
  );
}

/** The last 90 days of sign-ins and account changes, as the server recorded them. */
export function SecurityActivity() {
  const activity = useSecurityActivity();
  const events = activity.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="activity-heading" className="activity-section">
      <h2 id="activity-heading">Last 90 days</h2>
      <p className="hint">Something you do not recognise? Sign out everywhere else and change your password.</p>
      <NotMe />
      {activity.isPending ? (
        <p role="status">Loading activity…</p>
      ) : activity.isError ? (
        <StatusMessage kind="alert">Could not load your security activity.</StatusMessage>
      ) : events.length === 0 ? (
        <p>No activity in the last 90 days.</p>
      ) : (
        <ul className="activity-list" aria-label="Security events, newest first">
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </ul>
      )}
      {activity.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={activity.isFetchingNextPage}
          onClick={() => void activity.fetchNextPage()}
        >
          {activity.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}
