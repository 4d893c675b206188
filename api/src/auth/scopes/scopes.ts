/**
 * What a credential may do on the API's own routes. Every route names the one it needs with
 * @RequiresScope; session JWTs carry all of them, personal access tokens the ones chosen.
 */
export const SCOPES = ['tasks:read', 'tasks:write', 'webhooks:write'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'tasks:read': 'Read your tasks and your profile',
  'tasks:write': 'Create, change, complete and delete your tasks',
  'webhooks:write': 'Manage your webhooks: they receive your tasks',
};

/** What a JWT minted for a signed-in session may do: everything its user may. */
export const SESSION_SCOPES: readonly Scope[] = SCOPES;

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** Scopes in their canonical order, each once. */
export function normaliseScopes(scopes: readonly string[]): Scope[] {
  return SCOPES.filter((scope) => scopes.includes(scope));
}
