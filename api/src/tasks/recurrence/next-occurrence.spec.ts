import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { anchorOf, countOccurrences, nextOccurrence, type Recurrence } from './next-occurrence.js';
import { parseRecurrence, type RecurrenceRule } from './recurrence-rule.js';

const rule = (text: string): RecurrenceRule => {
  const parsed = parseRecurrence(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
};
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const wallClock = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ccc");

/** Follows the series from `first`, the way completing each occurrence would. */
function series(text: string, first: Date, zone: string, limit = 10): Date[] {
  const dates = [first];
  let current: { dueAt: Date; recurrence: Recurrence } | null = {
    dueAt: first,
    recurrence: { rule: rule(text), anchor: anchorOf(first, zone) },
  };
  while (dates.length < limit) {
    current = nextOccurrence(current.recurrence, current.dueAt, zone);
    if (current === null) break;
    dates.push(current.dueAt);
  }
  return dates;
}

describe('nextOccurrence across DST', () => {
  it.each([
    // New York springs forward on 8 March 2026 and falls back on 1 November 2026.
    ['America/New_York', '2026-03-02T09:00', ['2026-03-02T09:00 Mon', '2026-03-09T09:00 Mon', '2026-03-16T09:00 Mon']],
    ['America/New_York', '2026-10-26T09:00', ['2026-10-26T09:00 Mon', '2026-11-02T09:00 Mon', '2026-11-09T09:00 Mon']],
    // Berlin springs forward on 29 March 2026 and falls back on 25 October 2026.
    ['Europe/Berlin', '2026-03-23T09:00', ['2026-03-23T09:00 Mon', '2026-03-30T09:00 Mon', '2026-04-06T09:00 Mon']],
    ['Europe/Berlin', '2026-10-19T09:00', ['2026-10-19T09:00 Mon', '2026-10-26T09:00 Mon', '2026-11-02T09:00 Mon']],
  ])('every Monday 9:00 in %s from %s stays 9:00 local', (zone, start, expected) => {
    const dates = series('FREQ=WEEKLY;BYDAY=MO', local(start, zone), zone, 3);
    expect(dates.map((date) => wallClock(date, zone))).toEqual(expected);
  });

  it('keeps 9:00 local although the UTC hour changes at the DST switch', () => {
    const zone = 'America/New_York';
    const [before, after] = series('FREQ=WEEKLY;BYDAY=MO', local('2026-03-02T09:00', zone), zone, 2);
    expect(before.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(after.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('moves a wall time that the spring-forward skips forward by the gap, then returns to it', () => {
    const zone = 'America/New_York';
    const dates = series('FREQ=DAILY', local('2026-03-07T02:30', zone), zone, 3);
    expect(dates.map((date) => wallClock(date, zone))).toEqual([
      '2026-03-07T02:30 Sat',
      '2026-03-08T03:30 Sun',
      '2026-03-09T02:30 Mon',
    ]);
  });

  it('gives a wall time that the fall-back repeats one occurrence, not two', () => {
    const zone = 'Europe/Berlin';
    const dates = series('FREQ=DAILY', local('2026-10-24T02:30', zone), zone, 3);
    expect(dates.map((date) => wallClock(date, zone))).toEqual([
      '2026-10-24T02:30 Sat',
      '2026-10-25T02:30 Sun',
      '2026-10-26T02:30 Mon',
    ]);
  });
});

describe('nextOccurrence rules', () => {
  const zone = 'Europe/Berlin';

  it('repeats weekly on the given weekdays with an interval', () => {
    const dates = series('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', local('2026-01-05T08:00', zone), zone, 5);
    expect(dates.map((date) => wallClock(date, zone))).toEqual([
      '2026-01-05T08:00 Mon',
      '2026-01-07T08:00 Wed',
      '2026-01-19T08:00 Mon',
      '2026-01-21T08:00 Wed',
      '2026-02-02T08:00 Mon',
    ]);
  });

  it('repeats monthly on the last day of the month', () => {
    const dates = series('FREQ=MONTHLY;BYMONTHDAY=-1', local('2026-01-31T18:00', zone), zone, 4);
    expect(dates.map((date) => wallClock(date, zone).slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('repeats yearly on the due date', () => {
    const dates = series('FREQ=YEARLY', local('2026-06-15T12:00', zone), zone, 3);
    expect(dates.map((date) => wallClock(date, zone).slice(0, 10))).toEqual(['2026-06-15', '2027-06-15', '2028-06-15']);
  });

  it('ends after COUNT occurrences, counting down on each next task', () => {
    const start = local('2026-01-01T09:00', zone);
    const anchor = anchorOf(start, zone);
    expect(series('FREQ=DAILY;COUNT=3', start, zone)).toHaveLength(3);
    expect(nextOccurrence({ rule: rule('FREQ=DAILY;COUNT=3'), anchor }, start, zone)?.recurrence.rule.count).toBe(2);
    expect(nextOccurrence({ rule: rule('FREQ=DAILY;COUNT=1'), anchor }, start, zone)).toBeNull();
  });

  it('ends at UNTIL', () => {
    const dates = series('FREQ=DAILY;UNTIL=20260103', local('2026-01-01T09:00', zone), zone);
    expect(dates.map((date) => wallClock(date, zone).slice(0, 10))).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('finds the next pattern day when the task was moved off the pattern', () => {
    const anchor = '2026-01-05T09:00:00';
    const next = nextOccurrence({ rule: rule('FREQ=WEEKLY;BYDAY=MO'), anchor }, local('2026-01-07T09:00', zone), zone);
    expect(wallClock(next!.dueAt, zone)).toBe('2026-01-12T09:00 Mon');
  });
});

describe('countOccurrences', () => {
  const zone = 'UTC';
  const start = local('2026-01-01T09:00', zone);

  it('counts a series bounded by UNTIL, and stops counting past the limit', () => {
    expect(countOccurrences(rule('FREQ=DAILY;UNTIL=20260110'), start, zone)).toBe(10);
    expect(countOccurrences(rule('FREQ=DAILY;UNTIL=20310101'), start, zone)).toBe(1001);
  });

  it('takes COUNT as given and an open series as unbounded', () => {
    expect(countOccurrences(rule('FREQ=DAILY;COUNT=7'), start, zone)).toBe(7);
    expect(countOccurrences(rule('FREQ=DAILY'), start, zone)).toBe(Infinity);
  });
});
