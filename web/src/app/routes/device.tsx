import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { DeviceApproval } from '../../features/oauth/components/device-approval';
import { authClient } from '../../lib/auth-client';
import { QueryProvider } from '../query-provider';

/** RFC 8628 verification page: a signed-out user signs in first and comes back here, code and all. */
export function DeviceRoute() {
  const [params] = useSearchParams();
  const { data: session } = authClient.useSession();
  return (
    <QueryProvider>
      <ProtectedRoute>
        <div className="narrow">
          <PageTitle>Sign in a device</PageTitle>
          <DeviceApproval initialCode={params.get('user_code') ?? undefined} account={session?.user.email ?? ''} />
        </div>
      </ProtectedRoute>
    </QueryProvider>
  );
}
