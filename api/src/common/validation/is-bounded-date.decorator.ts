import { ValidateBy, type ValidationOptions } from 'class-validator';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An ISO 8601 date or date-time between the years 1900 and 9999: what a person means by a due
 * date, and what PostgreSQL and JavaScript both represent exactly.
 */
export function IsBoundedIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedIsoDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !ISO_8601.test(value)) return false;
          const time = Date.parse(value);
          return Number.isFinite(time) && time >= EARLIEST && time <= LATEST && isRealCalendarDay(value);
        },
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date-time between the years 1900 and 9999`,
      },
    },
    options,
  );
}

/** Date.parse rolls 2026-02-30 over to March 2nd; a person meant no such day. */
function isRealCalendarDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
