import { describe, expect, it } from '@jest/globals';
import { formatRecurrence, parseRecurrence } from './recurrence-rule.js';

const accepted = (text: string) => {
  const parsed = parseRecurrence(text);
  if (!parsed.ok) throw new Error(`refused ${text}: ${parsed.message}`);
  return parsed.rule;
};
const refusal = (text: string) => {
  const parsed = parseRecurrence(text);
  if (parsed.ok) throw new Error(`accepted ${text}`);
  return parsed.message;
};

describe('parseRecurrence', () => {
  it.each([
    ['FREQ=DAILY', 'FREQ=DAILY'],
    ['RRULE:freq=weekly;byday=fr,mo', 'FREQ=WEEKLY;BYDAY=MO,FR'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1,15;INTERVAL=2', 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,-1'],
    ['FREQ=YEARLY;COUNT=1000', 'FREQ=YEARLY;COUNT=1000'],
    ['FREQ=DAILY;UNTIL=20270131', 'FREQ=DAILY;UNTIL=20270131T235959Z'],
    ['FREQ=WEEKLY;INTERVAL=1;UNTIL=20270131T080000Z', 'FREQ=WEEKLY;UNTIL=20270131T080000Z'],
  ])('accepts %s and writes it as %s', (text, canonical) => {
    expect(formatRecurrence(accepted(text))).toBe(canonical);
  });

  it.each([
    ['FREQ=SECONDLY', /FREQ must be/],
    ['FREQ=HOURLY', /FREQ must be/],
    ['FREQ=DAILY;BYHOUR=1,2,3', /BYHOUR is not supported/],
    ['FREQ=DAILY;BYSETPOS=1', /BYSETPOS is not supported/],
    ['INTERVAL=2', /FREQ is required/],
    ['FREQ=DAILY;FREQ=WEEKLY', /given twice/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL/],
    ['FREQ=DAILY;INTERVAL=367', /INTERVAL/],
    ['FREQ=DAILY;INTERVAL=1.5', /INTERVAL/],
    ['FREQ=DAILY;COUNT=1001', /COUNT/],
    ['FREQ=DAILY;COUNT=0', /COUNT/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270101', /cannot both/],
    ['FREQ=DAILY;UNTIL=20270230', /UNTIL/],
    ['FREQ=DAILY;UNTIL=20270101T246000Z', /UNTIL/],
    ['FREQ=DAILY;UNTIL=20270101T120000', /UNTIL/],
    ['FREQ=DAILY;BYDAY=MO', /only supported with FREQ=WEEKLY/],
    ['FREQ=WEEKLY;BYDAY=1MO', /weekdays/],
    ['FREQ=WEEKLY;BYDAY=MO,MO', /twice/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /only supported with FREQ=MONTHLY/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /1 to 31/],
    ['FREQ=MONTHLY;BYMONTHDAY=-2', /1 to 31/],
    ['FREQ=DAILY;', /NAME=VALUE/],
    ['FREQ=DAILY\nDTSTART:20260101T000000Z', /NAME=VALUE/],
    ['', /NAME=VALUE/],
    [`FREQ=DAILY;${'X'.repeat(200)}`, /at most 200/],
  ])('refuses %j with a message that names the problem', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });
});
