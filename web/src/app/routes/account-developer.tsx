import { PageTitle } from '../../components/page-title';
import { DeveloperApps } from '../../features/oauth/components/developer-apps';

export function AccountDeveloperRoute() {
  return (
    <>
      <PageTitle>Developer apps</PageTitle>
      <DeveloperApps />
    </>
  );
}
