import { z } from 'zod';

/** The SPA's configuration: VITE_* variables, validated once at start. */
const schema = z.object({
  /** Where the API lives. Empty: the same origin as the SPA (the dev/preview proxy, or nginx). */
  VITE_API_BASE_URL: z.union([z.literal(''), z.url()]).default(''),
});

const parsed = schema.safeParse(import.meta.env);
if (!parsed.success) {
  throw new Error(
    `Invalid web app configuration: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
  );
}

export const env = {
  apiBaseUrl:
    parsed.data.VITE_API_BASE_URL || (typeof window === 'undefined' ? 'http://localhost' : window.location.origin),
};
