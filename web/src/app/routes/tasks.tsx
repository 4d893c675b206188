import { useParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { TaskBoard } from '../../features/tasks/components/task-board';
import { QueryProvider } from '../query-provider';
import { NotYours } from './not-yours';

export function TasksRoute() {
  const { userId } = useParams();
  return (
    <QueryProvider>
      <ProtectedRoute>
        <PageTitle>Your tasks</PageTitle>
        <TaskBoard key={userId ?? 'me'} userId={userId} onForbidden={() => <NotYours />} />
      </ProtectedRoute>
    </QueryProvider>
  );
}
