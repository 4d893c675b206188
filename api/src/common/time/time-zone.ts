import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIME_ZONE = 'UTC';
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * An IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). Aliases a browser may report
 * ("Asia/Calcutta") are accepted as they are; offsets ("+02:00") are not names and are refused,
 * because a fixed offset cannot follow DST.
 */
export function isTimeZoneName(value: unknown): value is string {
  return typeof value === 'string' && TIME_ZONE_NAME.test(value) && IANAZone.isValidZone(value);
}

/** Midnight today and midnight tomorrow where the user lives: the bounds of the "today" view. */
export function localDayBounds(now: Date, timeZone: string): { startOfToday: Date; startOfTomorrow: Date } {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return { startOfToday: today.toJSDate(), startOfTomorrow: today.plus({ days: 1 }).startOf('day').toJSDate() };
}
