import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { DeleteAccount } from '../../features/account/components/delete-account';
import { ExportData } from '../../features/account/components/export-data';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

export function AccountDataRoute() {
  const { refetch } = authClient.useSession();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle>Your data</PageTitle>
      <ExportData />
      <DeleteAccount
        onDeleted={async () => {
          forgetUserData();
          await refetch();
          await navigate('/login?deleted=1', { replace: true });
        }}
      />
    </>
  );
}
