import { PageTitle } from '../../components/page-title';
import { ConnectedApps } from '../../features/oauth/components/connected-apps';

export function AccountAppsRoute() {
  return (
    <>
      <PageTitle>Connected apps</PageTitle>
      <ConnectedApps />
    </>
  );
}
