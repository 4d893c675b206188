import { describeScopes } from '../scopes';

/** What an app may do, one scope a line, in words; the scope's own name beside it for the curious. */
export function ScopeList({ scopes, label }: { scopes: readonly string[] | string | undefined; label: string }) {
  const described = describeScopes(scopes);
  if (described.length === 0) return <p>No permissions beyond knowing who you are.</p>;
  return (
    <ul className="scope-list" aria-label={label}>
      {described.map(({ scope, words, known }) => (
        <li key={scope} className={known ? undefined : 'scope-unknown'}>
          {words} <code className="hint">{scope}</code>
        </li>
      ))}
    </ul>
  );
}
