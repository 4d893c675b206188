import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';

interface SessionRow {
  id: string;
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  updatedAt: string | Date;
  createdAt: string | Date;
}

/** "Firefox on Linux" from a user-agent string; enough to recognise one's own devices. */
export function describeDevice(userAgent?: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /curl\//.test(userAgent)
            ? 'curl'
            : 'A browser or app';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  return system ? `${browser} on ${system}` : browser;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SessionsList({ currentSessionId }: { currentSessionId?: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: async () => {
      const { data, error } = await authClient.listSessions();
      if (error) throw new Error(error.message ?? 'Could not load your sessions.');
      return (data ?? []) as SessionRow[];
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sessions'] });

  const revoke = async (session: SessionRow) => {
    const { error } = await authClient.revokeSession({ token: session.token });
    setMessage(error ? 'Could not sign out that session.' : `Signed out ${describeDevice(session.userAgent)}.`);
    await refresh();
  };
  const revokeOthers = async () => {
    const { error } = await authClient.revokeOtherSessions();
    setMessage(error ? 'Could not sign out the other sessions.' : 'Signed out everywhere else.');
    await refresh();
  };

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Active sessions</h2>
      {sessions.isPending ? (
        <p role="status">Loading sessions…</p>
      ) : sessions.isError ? (
        <p role="alert">{sessions.error.message}</p>
      ) : (
        <ul className="sessions">
          {sessions.data.map((session) => (
            <li key={session.id}>
              <span>
                <strong>{describeDevice(session.userAgent)}</strong>
                {session.id === currentSessionId && <span className="badge">This device</span>}
                <br />
                <span className="hint">Last seen {when.format(new Date(session.updatedAt))}</span>
              </span>
              {session.id !== currentSessionId && (
                <button type="button" className="secondary" onClick={() => void revoke(session)}>
                  Sign out this one
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => void revokeOthers()}>
        Sign out everywhere else
      </button>
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}
