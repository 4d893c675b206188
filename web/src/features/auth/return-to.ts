/** Where to go after signing in: a path of this app only, never another site (open redirect). */
export function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/tasks';
  return value;
}
