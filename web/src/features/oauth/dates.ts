/**
 * Better Auth's OAuth records carry dates as ISO strings, or as numbers (seconds in the RFC 7591
 * client metadata, milliseconds elsewhere). One reading for all: numbers below 10^11 are seconds.
 */
export function toDate(value: string | number | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date =
    value instanceof Date ? value : new Date(typeof value === 'number' && value < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(value: string | number | Date | null | undefined): string | undefined {
  const date = toDate(value);
  return date ? when.format(date) : undefined;
}
