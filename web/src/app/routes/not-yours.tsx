import { Link } from 'react-router';

/** What a 403 looks like: the address names someone else's data. */
export function NotYours() {
  return (
    <div role="alert" className="not-yours">
      <h2>These tasks are not yours</h2>
      <p>This address belongs to another account. You can only see and change your own tasks.</p>
      <p>
        <Link to="/tasks">Go to your tasks</Link>
      </p>
    </div>
  );
}
