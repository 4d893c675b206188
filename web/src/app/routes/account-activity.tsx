import { PageTitle } from '../../components/page-title';
import { SecurityActivity } from '../../features/security-activity/components/security-activity';

export function AccountActivityRoute() {
  return (
    <>
      <PageTitle>Security activity</PageTitle>
      <SecurityActivity />
    </>
  );
}
