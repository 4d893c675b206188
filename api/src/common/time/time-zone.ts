import { IANAZone } from 'luxon';

/** The characters of IANA zone names; the OpenAPI document states the same pattern. */
export const TIME_ZONE_PATTERN = '^[A-Za-z][A-Za-z0-9_+\\-/]{0,63}$';
const TIME_ZONE_NAME = new RegExp(TIME_ZONE_PATTERN);

/**
 * An IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). Aliases a browser may report
 * ("Asia/Calcutta") are accepted as they are; offsets ("+02:00") are not names and are refused,
 * because a fixed offset cannot follow DST.
 */
export function isTimeZoneName(value: unknown): value is string {
  return typeof value === 'string' && TIME_ZONE_NAME.test(value) && IANAZone.isValidZone(value);
}
