import { PageTitle } from '../../components/page-title';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';
import { SessionsList } from '../../features/account/components/sessions-list';
import { authClient } from '../../lib/auth-client';

export function AccountSecurityRoute() {
  const { data } = authClient.useSession();
  return (
    <>
      <PageTitle>Account security</PageTitle>
      <ChangePasswordForm />
      <SessionsList currentSessionId={data?.session.id} />
    </>
  );
}
