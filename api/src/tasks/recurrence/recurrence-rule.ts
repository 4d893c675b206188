/**
 * The RFC 5545 RRULE subset a task may repeat by (the contract's "Recurrence" section):
 * FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, BYDAY (weekly), BYMONTHDAY (monthly), and
 * COUNT or UNTIL. Everything else is refused with a message naming the part, so a client learns
 * what to change. The subset can never yield more than one occurrence a day: there is no
 * BYHOUR/BYMINUTE/BYSETPOS and no sub-daily FREQ, and the lists hold distinct days.
 */

export const RECURRENCE_LIMITS = {
  textMax: 200,
  intervalMax: 366,
  /** A series never holds more than this many occurrences, COUNT or not. */
  occurrencesMax: 1_000,
} as const;

/** The shape of a rule text, for the OpenAPI document; parseRecurrence decides the rest. */
export const RECURRENCE_PATTERN = '^([Rr][Rr][Uu][Ll][Ee]:)?[A-Za-z]+=[A-Za-z0-9,+-]+(;[A-Za-z]+=[A-Za-z0-9,+-]+)*$';

export const RECURRENCE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface RecurrenceRule {
  freq: RecurrenceFrequency;
  interval: number;
  /** Weekly only: the weekdays, in Monday-first order. */
  byDay: Weekday[];
  /** Monthly only: days of the month, 1–31, or -1 for the last day. */
  byMonthDay: number[];
  /** Occurrences left, this one included. */
  count: number | null;
  /** The last instant an occurrence may fall on. */
  until: Date | null;
}

export type ParsedRecurrence = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

const KNOWN_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL']);
const POSITIVE_INTEGER = /^[1-9][0-9]{0,5}$/;
const UNTIL_DATE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/;

const refuse = (message: string): ParsedRecurrence => ({ ok: false, message });

/** Parses and validates a recurrence string; the result's rule is what the server stores. */
export function parseRecurrence(text: string): ParsedRecurrence {
  if (text.length > RECURRENCE_LIMITS.textMax) {
    return refuse(`must be at most ${RECURRENCE_LIMITS.textMax} characters`);
  }
  const body = text.toUpperCase().replace(/^RRULE:/, '');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const match = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part);
    if (!match) return refuse(`"${part.slice(0, 40)}" is not a NAME=VALUE rule part`);
    const [, name, value] = match;
    if (!KNOWN_PARTS.has(name)) {
      return refuse(`${name} is not supported (use FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL)`);
    }
    if (parts.has(name)) return refuse(`${name} is given twice`);
    parts.set(name, value);
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) return refuse('FREQ is required');
  if (!isFrequency(freq)) return refuse('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');

  const interval = parseBoundedInteger(parts.get('INTERVAL') ?? '1', 1, RECURRENCE_LIMITS.intervalMax);
  if (interval === undefined) return refuse(`INTERVAL must be an integer from 1 to ${RECURRENCE_LIMITS.intervalMax}`);

  const byDay = parseByDay(parts.get('BYDAY'), freq);
  if (typeof byDay === 'string') return refuse(byDay);
  const byMonthDay = parseByMonthDay(parts.get('BYMONTHDAY'), freq);
  if (typeof byMonthDay === 'string') return refuse(byMonthDay);

  const countText = parts.get('COUNT');
  const untilText = parts.get('UNTIL');
  if (countText !== undefined && untilText !== undefined) return refuse('COUNT and UNTIL cannot both be given');
  let count: number | null = null;
  if (countText !== undefined) {
    const parsed = parseBoundedInteger(countText, 1, RECURRENCE_LIMITS.occurrencesMax);
    if (parsed === undefined) return refuse(`COUNT must be an integer from 1 to ${RECURRENCE_LIMITS.occurrencesMax}`);
    count = parsed;
  }
  let until: Date | null = null;
  if (untilText !== undefined) {
    until = parseUntil(untilText);
    if (until === null) return refuse('UNTIL must be a date (YYYYMMDD) or a UTC time (YYYYMMDDTHHMMSSZ)');
  }
  return { ok: true, rule: { freq, interval, byDay, byMonthDay, count, until } };
}

/** The canonical text of a rule: what the API answers, whatever spelling the client sent. */
export function formatRecurrence(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length > 0) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${formatUntil(rule.until)}`);
  return parts.join(';');
}

function isFrequency(value: string): value is RecurrenceFrequency {
  return (RECURRENCE_FREQUENCIES as readonly string[]).includes(value);
}

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

function parseBoundedInteger(text: string, min: number, max: number): number | undefined {
  if (!POSITIVE_INTEGER.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function parseByDay(text: string | undefined, freq: RecurrenceFrequency): Weekday[] | string {
  if (text === undefined) return [];
  if (freq !== 'WEEKLY') return 'BYDAY is only supported with FREQ=WEEKLY';
  const days = text.split(',');
  if (!days.every(isWeekday)) return 'BYDAY must list weekdays (MO, TU, WE, TH, FR, SA, SU)';
  if (new Set(days).size !== days.length) return 'BYDAY lists a weekday twice';
  return WEEKDAYS.filter((day) => days.includes(day));
}

function parseByMonthDay(text: string | undefined, freq: RecurrenceFrequency): number[] | string {
  if (text === undefined) return [];
  if (freq !== 'MONTHLY') return 'BYMONTHDAY is only supported with FREQ=MONTHLY';
  const message = 'BYMONTHDAY must list days of the month from 1 to 31, or -1 for the last day';
  const days: number[] = [];
  for (const item of text.split(',')) {
    const day = item === '-1' ? -1 : parseBoundedInteger(item, 1, 31);
    if (day === undefined) return message;
    days.push(day);
  }
  if (new Set(days).size !== days.length) return 'BYMONTHDAY lists a day twice';
  return days.sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b));
}

function parseUntil(text: string): Date | null {
  const match = UNTIL_DATE.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  // A date alone means "through that day": its last millisecond in UTC.
  const until =
    hour === undefined
      ? new Date(Date.UTC(year!, month! - 1, day!, 23, 59, 59, 999))
      : new Date(Date.UTC(year!, month! - 1, day!, hour, minute!, second!));
  const roundTrips =
    until.getUTCFullYear() === year &&
    until.getUTCMonth() === month! - 1 &&
    until.getUTCDate() === day &&
    (hour === undefined ||
      (until.getUTCHours() === hour && until.getUTCMinutes() === minute && until.getUTCSeconds() === second));
  return roundTrips && year! >= 1970 && year! <= 9999 ? until : null;
}

function formatUntil(until: Date): string {
  return until
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
