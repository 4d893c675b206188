import Bowser from 'bowser';

const SUMMARY_MAX_LENGTH = 120;

/**
 * "Firefox on Linux": the browser and system families only. Versions are left out on purpose: a
 * browser update is not a new device, and the new-device check compares these summaries.
 * Bowser (MIT) does the parsing; a User-Agent it cannot read is summarised as unknown.
 */
export function deviceSummary(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (!browser && !os) return 'Unknown device';
  const summary = `${browser ?? 'Unknown browser'} on ${os ?? 'an unknown system'}`;
  return [...summary].slice(0, SUMMARY_MAX_LENGTH).join('');
}
