import { NumberField } from '../../../components/number-field';
import { type ReminderChoices, type ReminderKind, type ReminderUnit } from '../reminders/reminder-choices';

/** The reminder picker: none, at the due time, some time before it, or at a chosen date and time. */
export function ReminderField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ReminderChoices;
  onChange: (value: ReminderChoices) => void;
}) {
  const change = (patch: Partial<ReminderChoices>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="field reminder">
      <legend>Reminder</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Remind me</label>
        <select id={`${id}-kind`} value={value.kind} onChange={(e) => change({ kind: e.target.value as ReminderKind })}>
          <option value="none">No reminder</option>
          <option value="atDue">At the due time</option>
          <option value="before">Before the due time</option>
          <option value="at">At a date and time</option>
        </select>
      </div>
      {value.kind === 'before' && (
        <div className="reminder-before">
          <NumberField
            id={`${id}-amount`}
            label="How long before"
            min={1}
            value={value.amount}
            onChange={(amount) => change({ amount })}
          />
          <div className="field">
            <label htmlFor={`${id}-unit`}>Unit</label>
            <select
              id={`${id}-unit`}
              value={value.unit}
              onChange={(e) => change({ unit: e.target.value as ReminderUnit })}
            >
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
            </select>
          </div>
        </div>
      )}
      {value.kind === 'at' && (
        <div className="field">
          <label htmlFor={`${id}-at`}>Remind at</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={value.at}
            onChange={(e) => change({ at: e.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
