import { NumberField } from '../../../components/number-field';
import {
  COUNT_MAX,
  INTERVAL_MAX,
  type RecurrenceChoices,
  type Repeat,
  WEEKDAYS,
  WEEKDAY_NAMES,
  type Weekday,
  describeRule,
} from '../recurrence/recurrence-choices';

const UNITS: Record<Repeat, string> = {
  none: '',
  daily: 'days',
  weekdays: '',
  weekly: 'weeks',
  monthly: 'months',
  yearly: 'years',
};
const JS_DAY_TO_WEEKDAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The recurrence editor. `kept`: a rule the choices cannot express, kept while "keep" is chosen. */
export function RecurrenceField({
  id,
  value,
  onChange,
  dueAt,
  kept,
}: {
  id: string;
  value: RecurrenceChoices | 'keep';
  onChange: (value: RecurrenceChoices | 'keep') => void;
  /** The due date (datetime-local) the weekly choice starts from. */
  dueAt: string;
  kept?: string;
}) {
  const choices = value === 'keep' ? undefined : value;
  const change = (patch: Partial<RecurrenceChoices>) =>
    onChange({
      ...(choices ?? { repeat: 'none', interval: 1, weekdays: [], ends: 'never', count: 10, until: '' }),
      ...patch,
    });
  const chooseRepeat = (repeat: string) => {
    if (repeat === 'keep') return onChange('keep');
    const weekdays =
      repeat === 'weekly' && !choices?.weekdays.length
        ? [JS_DAY_TO_WEEKDAY[(dueAt ? new Date(dueAt) : new Date()).getDay()]]
        : (choices?.weekdays ?? []);
    change({ repeat: repeat as Repeat, weekdays });
  };
  const repeats = choices && choices.repeat !== 'none';

  return (
    <fieldset className="field recurrence">
      <legend>Repeat</legend>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>Repeats</label>
        <select id={`${id}-repeat`} value={choices?.repeat ?? 'keep'} onChange={(e) => chooseRepeat(e.target.value)}>
          {kept && <option value="keep">{describeRule(kept)}</option>}
          <option value="none">Does not repeat</option>
          <option value="daily">Every day</option>
          <option value="weekdays">Every weekday (Monday to Friday)</option>
          <option value="weekly">Every week on chosen days</option>
          <option value="monthly">Every month on this day</option>
          <option value="yearly">Every year</option>
        </select>
      </div>
      {repeats && choices.repeat !== 'weekdays' && (
        <NumberField
          id={`${id}-interval`}
          label={`Every how many ${UNITS[choices.repeat]}`}
          min={1}
          max={INTERVAL_MAX}
          value={choices.interval}
          onChange={(interval) => change({ interval })}
        />
      )}
      {repeats && choices.repeat === 'weekly' && (
        <fieldset className="weekdays">
          <legend>On</legend>
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={choices.weekdays.includes(day)}
                onChange={(e) =>
                  change({
                    weekdays: e.target.checked
                      ? [...choices.weekdays, day]
                      : choices.weekdays.filter((chosen) => chosen !== day),
                  })
                }
              />
              {WEEKDAY_NAMES[day]}
            </label>
          ))}
        </fieldset>
      )}
      {repeats && (
        <div className="field">
          <label htmlFor={`${id}-ends`}>Ends</label>
          <select
            id={`${id}-ends`}
            value={choices.ends}
            onChange={(e) => change({ ends: e.target.value as RecurrenceChoices['ends'] })}
          >
            <option value="never">Never</option>
            <option value="after">After a number of times</option>
            <option value="on">On a date</option>
          </select>
        </div>
      )}
      {repeats && choices.ends === 'after' && (
        <NumberField
          id={`${id}-count`}
          label="Times in all"
          min={1}
          max={COUNT_MAX}
          value={choices.count}
          onChange={(count) => change({ count })}
        />
      )}
      {repeats && choices.ends === 'on' && (
        <div className="field">
          <label htmlFor={`${id}-until`}>Last day</label>
          <input
            id={`${id}-until`}
            type="date"
            value={choices.until}
            onChange={(e) => change({ until: e.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
