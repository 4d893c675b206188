import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const parsePostgresDate = pg.types.getTypeParser(TIMESTAMPTZ_OID);

/**
 * pg's parser for timestamptz (postgres-date) runs three regular expressions per value; a listed
 * page has five timestamps per task, and the parsing was 4-6 % of its CPU. PostgreSQL writes
 * timestamptz as `YYYY-MM-DD HH:MM:SS[.ffffff]+00` when the session's TimeZone is UTC (the
 * default of a server set up on a UTC machine, as containers and the CI machine are). That shape is read here by position into the very Date postgres-date
 * makes (the same Date.UTC call and the same fraction arithmetic); anything else (another
 * offset, infinity, BC, years before 1000 or after 9999) goes to postgres-date as before.
 */
export function parseTimestamptz(text: string): Date | number | null {
  const length = text.length;
  if (
    length < 22 ||
    text.charCodeAt(length - 3) !== PLUS ||
    text.charCodeAt(length - 2) !== ZERO ||
    text.charCodeAt(length - 1) !== ZERO ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== SPACE ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    (length > 22 && (length < 24 || text.charCodeAt(19) !== DOT))
  )
    return parsePostgresDate(text) as Date | number | null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const fraction = length > 22 ? digits(text, 20, length - 23) : 0;
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0)
    return parsePostgresDate(text) as Date | number | null;
  // postgres-date's own arithmetic for the fraction (1000 * parseFloat('.ffffff')), so both agree
  // to the millisecond Date.UTC truncates to.
  const ms = length > 22 ? 1000 * parseFloat(text.slice(19, length - 3)) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

const PLUS = 43;
const ZERO = 48;
const DASH = 45;
const SPACE = 32;
const COLON = 58;
const DOT = 46;

/** The decimal number in text[start, start + count), or -1 if any character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Process-wide, like every pg type parser: TypeORM's queries and ours read timestamps the same way. */
export function useFastTimestampParser(): void {
  pg.types.setTypeParser(TIMESTAMPTZ_OID, parseTimestamptz);
}
