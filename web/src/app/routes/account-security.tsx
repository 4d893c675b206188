import { useQueryClient } from '@tanstack/react-query';
import { PageTitle } from '../../components/page-title';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';
import { SessionsList } from '../../features/account/components/sessions-list';
import { TwoFactorSettings } from '../../features/two-factor/components/two-factor-settings';
import { authClient } from '../../lib/auth-client';

export function AccountSecurityRoute() {
  const { data } = authClient.useSession();
  const queryClient = useQueryClient();
  return (
    <>
      <PageTitle>Account security</PageTitle>
      <ChangePasswordForm />
      <TwoFactorSettings onSessionChanged={() => void queryClient.invalidateQueries({ queryKey: ['sessions'] })} />
      <SessionsList currentSessionId={data?.session.id} />
    </>
  );
}
