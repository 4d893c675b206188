import { PageTitle } from '../../components/page-title';
import { ChangeEmailForm } from '../../features/account/components/change-email-form';
import { ReminderSettings } from '../../features/account/components/reminder-settings';
import { authClient } from '../../lib/auth-client';

export function AccountProfileRoute() {
  const { data } = authClient.useSession();
  return (
    <>
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
      <ReminderSettings />
      <ChangeEmailForm currentEmail={data?.user.email} />
    </>
  );
}
