import { describe, expect, it } from 'vitest';
import { NO_REMINDER, type ReminderChoices, choicesFromReminder, reminderFromChoices } from './reminder-choices';

const choices = (patch: Partial<ReminderChoices>): ReminderChoices => ({ ...NO_REMINDER, ...patch });

describe('the reminder picker’s choices as task fields', () => {
  it.each([
    ['none', choices({}), { remindAt: null, remindMinutesBefore: null }],
    ['at the due time', choices({ kind: 'atDue' }), { remindAt: null, remindMinutesBefore: 0 }],
    ['15 minutes before', choices({ kind: 'before', amount: 15 }), { remindAt: null, remindMinutesBefore: 15 }],
    [
      '2 hours before',
      choices({ kind: 'before', amount: 2, unit: 'hours' }),
      { remindAt: null, remindMinutesBefore: 120 },
    ],
    [
      '30 days before',
      choices({ kind: 'before', amount: 720, unit: 'hours' }),
      { remindAt: null, remindMinutesBefore: 43_200 },
    ],
  ])('%s', (_name, input, fields) => {
    expect(reminderFromChoices(input, true)).toEqual({ ok: true, fields });
  });

  it('sends a chosen date and time as the instant it means', () => {
    const built = reminderFromChoices(choices({ kind: 'at', at: '2026-12-09T09:00' }), false);
    expect(built).toEqual({
      ok: true,
      fields: { remindAt: new Date('2026-12-09T09:00').toISOString(), remindMinutesBefore: null },
    });
  });

  it.each([
    ['a relative reminder without a due date', choices({ kind: 'before', amount: 5 }), false],
    ['at the due time without a due date', choices({ kind: 'atDue' }), false],
    ['0 minutes before', choices({ kind: 'before', amount: 0 }), true],
    ['more than 30 days before', choices({ kind: 'before', amount: 721, unit: 'hours' }), true],
    ['a fraction of a minute', choices({ kind: 'before', amount: 1.5 }), true],
    ['no date and time', choices({ kind: 'at', at: '' }), true],
    ['a date that is not one', choices({ kind: 'at', at: 'tomorrow-ish' }), true],
  ])('refuses %s', (_name, input, hasDue) => {
    expect(reminderFromChoices(input, hasDue).ok).toBe(false);
  });
});

describe('a task’s reminder read back into the choices', () => {
  it.each([
    [{ remindAt: null, remindMinutesBefore: null }, { kind: 'none' }],
    [{ remindAt: '2026-12-09T08:00:00.000Z', remindMinutesBefore: 0 }, { kind: 'atDue' }],
    [
      { remindAt: '2026-12-09T08:00:00.000Z', remindMinutesBefore: 45 },
      { kind: 'before', amount: 45, unit: 'minutes' },
    ],
    [
      { remindAt: '2026-12-09T08:00:00.000Z', remindMinutesBefore: 180 },
      { kind: 'before', amount: 3, unit: 'hours' },
    ],
  ])('%j', (fields, expected) => {
    expect(choicesFromReminder(fields)).toMatchObject(expected);
  });

  it('round-trips an absolute reminder', () => {
    const fields = { remindAt: new Date('2026-12-09T09:30').toISOString(), remindMinutesBefore: null };
    const built = reminderFromChoices(choicesFromReminder(fields), false);
    expect(built).toEqual({ ok: true, fields });
  });
});
