import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import { RECURRENCE_LIMITS, type RecurrenceRule, WEEKDAYS } from './recurrence-rule.js';

// rrule ships CommonJS to Node: its named exports live on the default export.
const { RRule } = rrulePackage;

const RRULE_FREQUENCY = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
  YEARLY: RRule.YEARLY,
} as const;
const RRULE_WEEKDAY = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

/**
 * A series as a task carries it: the rule, and the wall-clock date and time the owner chose for it
 * ("2026-03-02T09:00:00", no zone), set whenever the owner sets the due date or the rule.
 */
export interface Recurrence {
  rule: RecurrenceRule;
  anchor: string;
}

export interface NextOccurrence {
  dueAt: Date;
  /** The series the next task carries: COUNT counts what is left of it. */
  recurrence: Recurrence;
}

const LOCAL_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss";

/** The anchor of a series whose occurrence is due at `dueAt` where the owner lives. */
export function anchorOf(dueAt: Date, timeZone: string): string {
  return DateTime.fromJSDate(dueAt, { zone: timeZone }).toFormat(LOCAL_DATE_TIME);
}

/**
 * The occurrence after the one due at `dueAt`, in the owner's time zone, or null when the series
 * is over.
 *
 * "Every Monday at 9:00" is a wall-clock rule: rrule expands from the anchor in floating time
 * (local date and time written as if it were UTC), and each result is placed back in the zone, so
 * 9:00 stays 9:00 across a DST change. A wall time that a spring-forward skips moves forward by
 * the gap for that day only (the anchor keeps the chosen time); one that a fall-back repeats takes
 * the instant Luxon picks, once.
 */
export function nextOccurrence(recurrence: Recurrence, dueAt: Date, timeZone: string): NextOccurrence | null {
  const { rule, anchor } = recurrence;
  if (rule.count === 1) return null;
  const floatingNext = expansion(rule, parseAnchor(anchor)).after(toFloating(dueAt, timeZone), false);
  if (floatingNext === null) return null;
  const next = fromFloating(floatingNext, timeZone);
  if (rule.until !== null && next > rule.until) return null;
  const rest = { ...rule, count: rule.count === null ? null : rule.count - 1 };
  return { dueAt: next, recurrence: { rule: rest, anchor } };
}

/**
 * How many occurrences a series starting at `dueAt` has, counted up to one past the limit: a
 * rule whose UNTIL allows more than the limit is refused rather than cut short without a word.
 */
export function countOccurrences(rule: RecurrenceRule, dueAt: Date, timeZone: string): number {
  if (rule.count !== null) return rule.count;
  if (rule.until === null) return Infinity;
  const start = toFloating(dueAt, timeZone);
  const untilFloating = toFloating(rule.until, timeZone);
  let seen = 1; // the task itself, whether or not it falls on the pattern
  expansion(rule, start).between(start, untilFloating, true, (date) => {
    if (date.getTime() !== start.getTime()) seen += 1;
    return seen <= RECURRENCE_LIMITS.occurrencesMax;
  });
  return seen;
}

/** The rule expanded from `start`, without COUNT or UNTIL: those are applied by the callers. */
function expansion(rule: RecurrenceRule, start: Date) {
  return new RRule({
    freq: RRULE_FREQUENCY[rule.freq],
    interval: rule.interval,
    dtstart: start,
    byweekday: rule.byDay.length > 0 ? rule.byDay.map((day) => RRULE_WEEKDAY[WEEKDAYS.indexOf(day)]) : null,
    bymonthday: rule.byMonthDay.length > 0 ? rule.byMonthDay : null,
  });
}

function parseAnchor(anchor: string): Date {
  const local = DateTime.fromFormat(anchor, LOCAL_DATE_TIME, { zone: 'utc' });
  if (!local.isValid) throw new Error('A recurrence anchor is not a local date and time');
  return local.toJSDate();
}

function toFloating(instant: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond),
  );
}

function fromFloating(floating: Date, timeZone: string): Date {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
      millisecond: floating.getUTCMilliseconds(),
    },
    { zone: timeZone },
  ).toJSDate();
}
