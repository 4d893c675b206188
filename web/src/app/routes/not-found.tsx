import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';

export function NotFoundRoute() {
  return (
    <div className="narrow">
      <PageTitle>Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/tasks">Go to your tasks</Link>
      </p>
    </div>
  );
}
