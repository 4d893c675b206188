import { useLocation } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { ConsentScreen } from '../../features/oauth/components/consent-screen';
import { authClient } from '../../lib/auth-client';
import { QueryProvider } from '../query-provider';

/** Where the authorization server sends a signed-in user to allow or deny an app (consentPage). */
export function ConsentRoute() {
  const { search } = useLocation();
  const { data: session } = authClient.useSession();
  return (
    <QueryProvider>
      <ProtectedRoute>
        <div className="narrow">
          <PageTitle>Allow access?</PageTitle>
          <ConsentScreen search={search} account={session?.user.email ?? ''} />
        </div>
      </ProtectedRoute>
    </QueryProvider>
  );
}
