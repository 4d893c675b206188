import { ValidateBy, type ValidationOptions } from 'class-validator';
import { countOccurrences } from './next-occurrence.js';
import { parseRecurrence, RECURRENCE_LIMITS } from './recurrence-rule.js';

/** Why a recurrence string is refused, or null when it is a rule of the supported subset. */
export function recurrenceProblem(value: unknown, now = new Date()): string | null {
  if (typeof value !== 'string') return 'must be an RRULE string or null';
  const parsed = parseRecurrence(value);
  if (!parsed.ok) return parsed.message;
  // A COUNT is bounded by the parser; an UNTIL is bounded by what it allows from today on.
  if (parsed.rule.until !== null && countOccurrences(parsed.rule, now, 'UTC') > RECURRENCE_LIMITS.occurrencesMax) {
    return `UNTIL allows more than ${RECURRENCE_LIMITS.occurrencesMax} occurrences from today: choose an earlier UNTIL or a COUNT`;
  }
  return null;
}

/** An RRULE of the supported subset (see recurrence-rule.ts); the message says what to change. */
export function IsRecurrence(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRecurrence',
      validator: {
        validate: (value: unknown) => recurrenceProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${recurrenceProblem(args?.value) ?? 'is not a supported RRULE'}`,
      },
    },
    options,
  );
}
