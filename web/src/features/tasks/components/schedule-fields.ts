import { type RecurrenceChoices, ruleFromChoices } from '../recurrence/recurrence-choices';
import { type ReminderChoices, type ReminderFields, reminderFromChoices } from '../reminders/reminder-choices';

export interface ScheduleFields extends ReminderFields {
  /** Left out when the editor keeps a rule it cannot express. */
  recurrence?: string | null;
}

export type BuiltSchedule = { ok: true; fields: ScheduleFields } | { ok: false; message: string };

/** The recurrence and reminder fields of a task form, checked the way the API will check them. */
export function scheduleFromChoices(
  recurrence: RecurrenceChoices | 'keep',
  reminder: ReminderChoices,
  hasDue: boolean,
): BuiltSchedule {
  const built = reminderFromChoices(reminder, hasDue);
  if (!built.ok) return built;
  if (recurrence === 'keep') return hasDue ? built : { ok: false, message: 'A repeating task needs a due date.' };
  const rule = ruleFromChoices(recurrence);
  if (!rule.ok) return rule;
  if (rule.rule !== null && !hasDue) return { ok: false, message: 'A repeating task needs a due date.' };
  return { ok: true, fields: { ...built.fields, recurrence: rule.rule } };
}
