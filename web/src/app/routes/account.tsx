import { PageTitle } from '../../components/page-title';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';
import { DeleteAccount } from '../../features/account/components/delete-account';
import { ExportData } from '../../features/account/components/export-data';
import { SessionsList } from '../../features/account/components/sessions-list';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { PersonalTokens } from '../../features/tokens/components/personal-tokens';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';
import { QueryProvider } from '../query-provider';

export function AccountRoute() {
  const { data, refetch } = authClient.useSession();
  const navigate = useNavigate();
  return (
    <QueryProvider>
      <ProtectedRoute>
        <PageTitle>Your account</PageTitle>
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <dl className="profile">
            <dt>Name</dt>
            <dd>{data?.user.name}</dd>
            <dt>Email</dt>
            <dd>{data?.user.email}</dd>
          </dl>
        </section>
        <SessionsList currentSessionId={data?.session.id} />
        <ChangePasswordForm />
        <PersonalTokens />
        <ExportData />
        <DeleteAccount
          onDeleted={async () => {
            forgetUserData();
            await refetch();
            await navigate('/login?deleted=1', { replace: true });
          }}
        />
      </ProtectedRoute>
    </QueryProvider>
  );
}
