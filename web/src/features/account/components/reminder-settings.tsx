import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import { type Profile, useProfile, useUpdateProfile } from '../api/use-profile';

/** The zones this browser knows (the API accepts IANA names; it checks them itself). */
const zones = (): string[] => Intl.supportedValuesOf('timeZone');
const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The time zone ("today", "every Monday 9:00" and the due views follow it) and reminder mails.
 * A profile still on the server's default, UTC, is offered this device's zone instead.
 */
export function ReminderSettings() {
  const profile = useProfile();
  return (
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Time zone and reminders</h2>
      {profile.data ? (
        <ReminderSettingsForm profile={profile.data} />
      ) : profile.isError ? (
        <p role="alert" className="message message-error">
          {describeError(profile.error)}
        </p>
      ) : (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
    </section>
  );
}

function ReminderSettingsForm({ profile }: { profile: Profile }) {
  const update = useUpdateProfile();
  const device = deviceZone();
  const suggestDevice = profile.timeZone === 'UTC' && device !== 'UTC';
  const [timeZone, setTimeZone] = useState(suggestDevice ? device : profile.timeZone);
  const [reminderEmails, setReminderEmails] = useState(profile.reminderEmails);
  const [done, setDone] = useState<string>();
  const options = zones();
  if (!options.includes(profile.timeZone)) options.unshift(profile.timeZone);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    update.mutate({ timeZone, reminderEmails }, { onSuccess: () => setDone('Saved.') });
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="profile-time-zone">Time zone</label>
        {suggestDevice && (
          <p id="profile-time-zone-hint" className="hint">
            Your profile is still on UTC: this device’s time zone ({device}) is chosen. Save to use it.
          </p>
        )}
        <select
          id="profile-time-zone"
          value={timeZone}
          aria-describedby={suggestDevice ? 'profile-time-zone-hint' : undefined}
          onChange={(e) => setTimeZone(e.target.value)}
        >
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input
          id="profile-reminder-emails"
          type="checkbox"
          checked={reminderEmails}
          onChange={(e) => setReminderEmails(e.target.checked)}
        />
        <label htmlFor="profile-reminder-emails">Email me reminders</label>
      </div>
      <StatusMessage kind="alert">{update.isError ? describeError(update.error) : undefined}</StatusMessage>
      <StatusMessage>{done}</StatusMessage>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
    </form>
  );
}
