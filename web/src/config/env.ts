import * as z from 'zod/mini';

/**
 * The SPA's configuration: VITE_* variables, validated once at start. Zod Mini, because this
 * runs on every page, the sign-in page included: it is a small part of full Zod's size.
 */
const schema = z.object({
  /** Where the API lives. Empty: the same origin as the SPA (the API serving it, or the dev proxy). */
  VITE_API_BASE_URL: z._default(z.union([z.literal(''), z.url()]), ''),
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
