/**
 * The recurrence editor's plain choices and the RRULE text they stand for (the API's subset:
 * api/src/tasks/recurrence/recurrence-rule.ts). The API answers its canonical form, so reading a
 * rule back only has to understand that form; anything the choices cannot say is `undefined`,
 * and the editor then keeps the rule as it is.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WORKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export type Repeat = 'none' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'yearly';
export type Ends = 'never' | 'after' | 'on';

/** The API's bounds: INTERVAL 1–366, COUNT 1–1000. */
export const INTERVAL_MAX = 366;
export const COUNT_MAX = 1000;

export interface RecurrenceChoices {
  repeat: Repeat;
  /** Every N days/weeks/months/years. */
  interval: number;
  /** Weekly only: the chosen weekdays. */
  weekdays: Weekday[];
  ends: Ends;
  /** With ends = 'after': how many times in all. */
  count: number;
  /** With ends = 'on': the last day, YYYY-MM-DD. */
  until: string;
}

export const NO_RECURRENCE: Readonly<RecurrenceChoices> = {
  repeat: 'none',
  interval: 1,
  weekdays: [],
  ends: 'never',
  count: 10,
  until: '',
};

const FREQ: Record<Exclude<Repeat, 'none'>, string> = {
  daily: 'DAILY',
  weekdays: 'WEEKLY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  yearly: 'YEARLY',
};

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;
const UNTIL_TEXT = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z)?$/;

export type BuiltRule = { ok: true; rule: string | null } | { ok: false; message: string };

/** The RRULE for `choices` (null: does not repeat), or why the choices are not a rule yet. */
export function ruleFromChoices(choices: RecurrenceChoices): BuiltRule {
  if (choices.repeat === 'none') return { ok: true, rule: null };
  const interval = choices.repeat === 'weekdays' ? 1 : choices.interval;
  if (!Number.isInteger(interval) || interval < 1 || interval > INTERVAL_MAX)
    return { ok: false, message: `Repeat every 1 to ${INTERVAL_MAX}.` };
  const parts = [`FREQ=${FREQ[choices.repeat]}`];
  if (interval !== 1) parts.push(`INTERVAL=${interval}`);
  if (choices.repeat === 'weekdays') parts.push(`BYDAY=${WORKDAYS.join(',')}`);
  if (choices.repeat === 'weekly') {
    const days = WEEKDAYS.filter((day) => choices.weekdays.includes(day));
    if (days.length === 0) return { ok: false, message: 'Choose at least one weekday.' };
    parts.push(`BYDAY=${days.join(',')}`);
  }
  if (choices.ends === 'after') {
    if (!Number.isInteger(choices.count) || choices.count < 1 || choices.count > COUNT_MAX)
      return { ok: false, message: `End after 1 to ${COUNT_MAX} times.` };
    parts.push(`COUNT=${choices.count}`);
  }
  if (choices.ends === 'on') {
    const match = DATE_INPUT.exec(choices.until);
    if (!match) return { ok: false, message: 'Choose the last day.' };
    parts.push(`UNTIL=${match[1]}${match[2]}${match[3]}`);
  }
  return { ok: true, rule: parts.join(';') };
}

function partsOf(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rule
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .split(';')) {
    const [name, value] = part.split('=');
    if (name && value !== undefined) parts.set(name, value);
  }
  return parts;
}

const isWeekday = (value: string): value is Weekday => (WEEKDAYS as readonly string[]).includes(value);

/** The choices that build `rule`, or undefined when the choices cannot express it. */
export function choicesFromRule(rule: string | null): RecurrenceChoices | undefined {
  if (!rule) return { ...NO_RECURRENCE };
  const parts = partsOf(rule);
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const byDay = parts.get('BYDAY')?.split(',') ?? [];
  if (!Number.isInteger(interval) || interval < 1 || parts.has('BYMONTHDAY') || !byDay.every(isWeekday)) return;
  const choices: RecurrenceChoices = { ...NO_RECURRENCE, interval };
  switch (parts.get('FREQ')) {
    case 'DAILY':
      choices.repeat = 'daily';
      break;
    case 'WEEKLY':
      choices.repeat =
        interval === 1 && byDay.length === WORKDAYS.length && WORKDAYS.every((day) => byDay.includes(day))
          ? 'weekdays'
          : 'weekly';
      choices.weekdays = WEEKDAYS.filter((day) => byDay.includes(day));
      if (choices.repeat === 'weekly' && choices.weekdays.length === 0) return;
      break;
    case 'MONTHLY':
      choices.repeat = 'monthly';
      break;
    case 'YEARLY':
      choices.repeat = 'yearly';
      break;
    default:
      return;
  }
  if (byDay.length > 0 && choices.repeat !== 'weekly' && choices.repeat !== 'weekdays') return;
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined) {
    choices.ends = 'after';
    choices.count = Number(count);
  } else if (until !== undefined) {
    const match = UNTIL_TEXT.exec(until);
    if (!match) return;
    choices.ends = 'on';
    choices.until = `${match[1]}-${match[2]}-${match[3]}`;
  }
  return choices;
}

const list = (names: string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
const every = (interval: number, one: string, many: string) =>
  interval === 1 ? `Every ${one}` : `Every ${interval} ${many}`;
const ordinalDay = (day: number) => (day === -1 ? 'the last day' : `day ${day}`);
const untilDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A rule in words, for the task card: "Every Monday", "Every 2 weeks on Monday and Friday, 5 times". */
export function describeRule(rule: string): string {
  const parts = partsOf(rule);
  const interval = Number(parts.get('INTERVAL') ?? '1') || 1;
  const days = (parts.get('BYDAY')?.split(',') ?? []).filter(isWeekday);
  const monthDays = (parts.get('BYMONTHDAY')?.split(',') ?? []).map(Number);
  let words: string;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      words = every(interval, 'day', 'days');
      break;
    case 'WEEKLY': {
      const names = WEEKDAYS.filter((day) => days.includes(day)).map((day) => WEEKDAY_NAMES[day]);
      const workdays = days.length === 5 && WORKDAYS.every((day) => days.includes(day));
      if (workdays && interval === 1) words = 'Every weekday';
      else if (names.length === 0) words = every(interval, 'week', 'weeks');
      else words = interval === 1 ? `Every ${list(names)}` : `Every ${interval} weeks on ${list(names)}`;
      break;
    }
    case 'MONTHLY':
      words = every(interval, 'month', 'months');
      if (monthDays.length > 0) words += ` on ${list(monthDays.map(ordinalDay))}`;
      break;
    case 'YEARLY':
      words = every(interval, 'year', 'years');
      break;
    default:
      return 'Repeats';
  }
  const count = parts.get('COUNT');
  const until = UNTIL_TEXT.exec(parts.get('UNTIL') ?? '');
  if (count !== undefined) words += `, ${count} ${count === '1' ? 'time' : 'times'}`;
  else if (until)
    words += `, until ${untilDate.format(new Date(Date.UTC(Number(until[1]), Number(until[2]) - 1, Number(until[3]))))}`;
  return words;
}
