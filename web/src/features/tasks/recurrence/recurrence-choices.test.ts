import { describe, expect, it } from 'vitest';
import {
  NO_RECURRENCE,
  type RecurrenceChoices,
  choicesFromRule,
  describeRule,
  ruleFromChoices,
} from './recurrence-choices';

const choices = (patch: Partial<RecurrenceChoices>): RecurrenceChoices => ({ ...NO_RECURRENCE, ...patch });

describe('the recurrence editor’s choices as an RRULE', () => {
  it.each([
    ['does not repeat', choices({}), null],
    ['every day', choices({ repeat: 'daily' }), 'FREQ=DAILY'],
    ['every 3 days', choices({ repeat: 'daily', interval: 3 }), 'FREQ=DAILY;INTERVAL=3'],
    ['every weekday', choices({ repeat: 'weekdays', interval: 4 }), 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    [
      'every week on chosen days, Monday first',
      choices({ repeat: 'weekly', weekdays: ['FR', 'MO'] }),
      'FREQ=WEEKLY;BYDAY=MO,FR',
    ],
    ['every 2 weeks', choices({ repeat: 'weekly', interval: 2, weekdays: ['TU'] }), 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
    ['every month on the due day', choices({ repeat: 'monthly' }), 'FREQ=MONTHLY'],
    ['every year, 5 times', choices({ repeat: 'yearly', ends: 'after', count: 5 }), 'FREQ=YEARLY;COUNT=5'],
    [
      'every day until a date',
      choices({ repeat: 'daily', ends: 'on', until: '2026-12-31' }),
      'FREQ=DAILY;UNTIL=20261231',
    ],
  ])('%s', (_name, input, rule) => {
    expect(ruleFromChoices(input)).toEqual({ ok: true, rule });
  });

  it.each([
    ['a weekly rule without a weekday', choices({ repeat: 'weekly', weekdays: [] }), 'Choose at least one weekday.'],
    ['an interval of 0', choices({ repeat: 'daily', interval: 0 }), 'Repeat every 1 to 366.'],
    ['an interval over the API’s bound', choices({ repeat: 'daily', interval: 367 }), 'Repeat every 1 to 366.'],
    ['a fractional interval', choices({ repeat: 'daily', interval: 1.5 }), 'Repeat every 1 to 366.'],
    ['a count over 1000', choices({ repeat: 'daily', ends: 'after', count: 1001 }), 'End after 1 to 1000 times.'],
    ['no end date', choices({ repeat: 'daily', ends: 'on', until: '' }), 'Choose the last day.'],
    [
      'an end date that is not a date',
      choices({ repeat: 'daily', ends: 'on', until: '2026-1-1;FREQ=SECONDLY' }),
      'Choose the last day.',
    ],
  ])('refuses %s', (_name, input, message) => {
    expect(ruleFromChoices(input)).toEqual({ ok: false, message });
  });
});

describe('an RRULE read back into the choices', () => {
  it.each([
    null,
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;BYDAY=MO,FR',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    'FREQ=MONTHLY',
    'FREQ=YEARLY;COUNT=5',
    'FREQ=DAILY;UNTIL=20261231',
  ])('round-trips %s', (rule) => {
    const read = choicesFromRule(rule);
    expect(read).toBeDefined();
    expect(ruleFromChoices(read!)).toEqual({ ok: true, rule });
  });

  it('reads an UNTIL with a time as its day', () => {
    expect(choicesFromRule('FREQ=DAILY;UNTIL=20261231T235959Z')).toMatchObject({ ends: 'on', until: '2026-12-31' });
  });

  it.each([
    ['a list of month days', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
    ['weekdays on a daily rule', 'FREQ=DAILY;BYDAY=MO'],
    ['an unknown frequency', 'FREQ=SECONDLY'],
    ['a weekly rule without its days', 'FREQ=WEEKLY'],
  ])('says the choices cannot express %s', (_name, rule) => {
    expect(choicesFromRule(rule)).toBeUndefined();
  });
});

describe('a rule in words', () => {
  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=DAILY;INTERVAL=2', 'Every 2 days'],
    ['FREQ=WEEKLY;BYDAY=MO', 'Every Monday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'Every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', 'Every 2 weeks on Tuesday and Thursday'],
    ['FREQ=WEEKLY', 'Every week'],
    ['FREQ=MONTHLY', 'Every month'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,-1', 'Every month on day 1 and the last day'],
    ['FREQ=YEARLY;INTERVAL=5', 'Every 5 years'],
    ['FREQ=DAILY;COUNT=1', 'Every day, 1 time'],
    ['FREQ=WEEKLY;BYDAY=SU;COUNT=4', 'Every Sunday, 4 times'],
    ['FREQ=DAILY;UNTIL=20261231T235959Z', 'Every day, until 31 Dec 2026'],
  ])('%s reads “%s”', (rule, words) => {
    expect(describeRule(rule)).toBe(words);
  });
});
