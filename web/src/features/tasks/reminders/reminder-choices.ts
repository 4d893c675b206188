/**
 * The reminder picker's choices and the task fields they stand for: `remindMinutesBefore`
 * (relative, moves with the due date) or `remindAt` (an absolute instant).
 */

export type ReminderKind = 'none' | 'atDue' | 'before' | 'at';
export type ReminderUnit = 'minutes' | 'hours';

export interface ReminderChoices {
  kind: ReminderKind;
  /** With kind = 'before': how many minutes or hours. */
  amount: number;
  unit: ReminderUnit;
  /** With kind = 'at': a datetime-local value, in this device's time. */
  at: string;
}

/** The API's bound: at most 30 days before the due date. */
export const MINUTES_BEFORE_MAX = 43_200;

export const NO_REMINDER: Readonly<ReminderChoices> = { kind: 'none', amount: 15, unit: 'minutes', at: '' };

export interface ReminderFields {
  remindAt: string | null;
  remindMinutesBefore: number | null;
}

export type BuiltReminder = { ok: true; fields: ReminderFields } | { ok: false; message: string };

const MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60 };

/** The task fields for `choices`, or why they are not a reminder yet. `hasDue`: the task has a due date. */
export function reminderFromChoices(choices: ReminderChoices, hasDue: boolean): BuiltReminder {
  switch (choices.kind) {
    case 'none':
      return { ok: true, fields: { remindAt: null, remindMinutesBefore: null } };
    case 'atDue':
    case 'before': {
      if (!hasDue) return { ok: false, message: 'A reminder before the due time needs a due date.' };
      const minutes = choices.kind === 'atDue' ? 0 : choices.amount * MINUTES[choices.unit];
      if (choices.kind === 'before' && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= MINUTES_BEFORE_MAX))
        return { ok: false, message: 'Remind 1 minute to 30 days before the due time, in whole minutes.' };
      return { ok: true, fields: { remindAt: null, remindMinutesBefore: minutes } };
    }
    case 'at': {
      const at = new Date(choices.at);
      if (!choices.at || Number.isNaN(at.getTime())) return { ok: false, message: 'Choose when to be reminded.' };
      return { ok: true, fields: { remindAt: at.toISOString(), remindMinutesBefore: null } };
    }
  }
}

/** A datetime-local value for an instant, in this device's time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The picker's choices for a task's reminder fields. */
export function choicesFromReminder(fields: ReminderFields): ReminderChoices {
  const minutes = fields.remindMinutesBefore;
  if (minutes === 0) return { ...NO_REMINDER, kind: 'atDue' };
  if (minutes !== null) {
    return minutes % 60 === 0
      ? { ...NO_REMINDER, kind: 'before', amount: minutes / 60, unit: 'hours' }
      : { ...NO_REMINDER, kind: 'before', amount: minutes, unit: 'minutes' };
  }
  if (fields.remindAt) return { ...NO_REMINDER, kind: 'at', at: toLocalInput(fields.remindAt) };
  return { ...NO_REMINDER };
}
