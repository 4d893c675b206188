/** The base32 secret of an otpauth:// URI, for typing into an app that cannot scan. */
export function secretOf(totpURI: string): string | undefined {
  try {
    return new URL(totpURI).searchParams.get('secret') ?? undefined;
  } catch {
    return undefined;
  }
}
