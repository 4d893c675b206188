import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { OAuthErrorMessage } from '../../features/oauth/components/oauth-error-message';

/**
 * The authorization server's error page: where a request it cannot trust (unknown app,
 * unregistered redirect URI, missing PKCE, unknown scope) ends, instead of at the app's address.
 * It links only to Taskvault, never to the app.
 */
export function OAuthErrorRoute() {
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <PageTitle>The app’s request was stopped</PageTitle>
      <OAuthErrorMessage error={params.get('error')} description={params.get('error_description')} />
      <p>
        <Link to="/tasks">Go to your tasks</Link>
      </p>
    </div>
  );
}
