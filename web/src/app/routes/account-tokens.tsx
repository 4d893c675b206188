import { PageTitle } from '../../components/page-title';
import { PersonalTokens } from '../../features/tokens/components/personal-tokens';

export function AccountTokensRoute() {
  return (
    <>
      <PageTitle>Access tokens</PageTitle>
      <PersonalTokens />
    </>
  );
}
