import { PageTitle } from '../../components/page-title';
import { PasskeysSection } from '../../features/passkeys/components/passkeys-section';

export function AccountPasskeysRoute() {
  return (
    <>
      <PageTitle>Passkeys</PageTitle>
      <PasskeysSection />
    </>
  );
}
