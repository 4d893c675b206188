/** The API's rules for people's input, checked in the browser before asking the server. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;
export const NAME_MAX = 100;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Length as the API counts it: Unicode code points, not UTF-16 units. */
export const codePoints = (text: string) => [...text].length;

export function passwordProblem(password: string): string | undefined {
  if (codePoints(password) < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (codePoints(password) > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}
