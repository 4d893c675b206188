import { PageTitle } from '../../components/page-title';
import { Webhooks } from '../../features/webhooks/components/webhooks';

export function AccountWebhooksRoute() {
  return (
    <>
      <PageTitle>Webhooks</PageTitle>
      <Webhooks />
    </>
  );
}
