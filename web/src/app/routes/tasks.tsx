import { useParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { TaskBoard } from '../../features/tasks/components/task-board';
import { NotYours } from './not-yours';

export function TasksRoute() {
  const { userId } = useParams();
  return (
    <ProtectedRoute>
      <PageTitle>Your tasks</PageTitle>
      <TaskBoard key={userId ?? 'me'} userId={userId} onForbidden={() => <NotYours />} />
    </ProtectedRoute>
  );
}
