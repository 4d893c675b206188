/**
 * Each scope an app may ask for, in the words the consent and apps pages show. The server
 * refuses a scope it does not offer before the consent page is reached; one that is still not
 * known here is shown by its name, never hidden, so the user never agrees to something unseen.
 */
const SCOPE_WORDS: Record<string, string> = {
  'tasks:read': 'See your tasks and your profile',
  'tasks:write': 'Create, change, complete and delete your tasks',
  'webhooks:write': 'Manage your webhooks: they receive your tasks',
  offline_access: 'Stay connected when you are not using it (until you revoke it)',
};

export interface ScopeWords {
  scope: string;
  words: string;
  known: boolean;
}

export function describeScopes(scopes: readonly string[] | string | undefined): ScopeWords[] {
  const list = typeof scopes === 'string' ? scopes.split(' ') : (scopes ?? []);
  return [...new Set(list.filter(Boolean))].map((scope) => {
    const words = Object.hasOwn(SCOPE_WORDS, scope) ? SCOPE_WORDS[scope] : undefined;
    return words ? { scope, words, known: true } : { scope, words: `Permission “${scope}”`, known: false };
  });
}
