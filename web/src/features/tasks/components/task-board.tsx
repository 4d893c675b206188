import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { StatusMessage } from '../../../components/status-message';
import { ApiError, describeError } from '../../../lib/api-error';
import { usePendingTasks, useTaskList } from '../api/use-tasks';
import { type DueView, isNarrowed, viewSearch } from '../filters/filters-url';
import { useUrlFilters } from '../filters/use-url-filters';
import { QuickAdd } from './quick-add';
import { ReminderNotices } from './reminder-notices';
import { TaskFilters } from './task-filters';
import { TaskItem } from './task-item';

const VIEWS: Array<[DueView | undefined, string]> = [
  [undefined, 'All'],
  ['today', 'Today'],
  ['upcoming', 'Upcoming'],
  ['overdue', 'Overdue'],
];
const EMPTY_VIEW: Record<DueView, string> = {
  today: 'Nothing is due today.',
  upcoming: 'Nothing is due from tomorrow on.',
  overdue: 'Nothing is overdue.',
};

/** The board of one user's tasks. With `userId`, addressed by id (the API refuses anyone else's). */
export function TaskBoard({ userId, onForbidden }: { userId?: string; onForbidden: () => React.ReactNode }) {
  const { filters, setFilters, outside } = useUrlFilters();
  const deferredFilters = useDeferredValue(filters);
  const tasks = useTaskList(deferredFilters, userId);
  const pending = usePendingTasks();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const items = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);
  if (tasks.error instanceof ApiError && tasks.error.status === 403) return <>{onForbidden()}</>;

  return (
    <section aria-label="Tasks">
      <QuickAdd userId={userId} />
      <nav aria-label="Views" className="views">
        {VIEWS.map(([due, label]) => (
          <Link
            key={label}
            to={{ search: viewSearch(filters, due) }}
            aria-current={filters.due === due ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      <TaskFilters value={filters} outside={outside} onChange={setFilters} />
      <StatusMessage kind="alert">{problem}</StatusMessage>
      <StatusMessage>{notice}</StatusMessage>
      <ReminderNotices tasks={items} />
      {tasks.isPending ? (
        <p role="status" className="loading">
          Loading your tasks…
        </p>
      ) : tasks.isError ? (
        <div role="alert" className="message message-error">
          <p>{describeError(tasks.error)}</p>
          <button type="button" onClick={() => void tasks.refetch()}>
            Try again
          </button>
        </div>
      ) : items.length === 0 ? (
        <p className="empty">
          {isNarrowed(filters)
            ? 'No tasks match these filters.'
            : filters.due
              ? EMPTY_VIEW[filters.due]
              : 'No tasks yet. Add your first one above.'}
        </p>
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {items.length} tasks shown
          </p>
          <ul className="task-list" aria-label="Task list">
            {items.map((task) => {
              // The same key before and after the server's answer: the element and its focus stay.
              const key = pending.keyOf(task.id);
              return (
                <TaskItem
                  key={key}
                  taskKey={key}
                  task={task}
                  userId={userId}
                  onError={setProblem}
                  onNotice={setNotice}
                />
              );
            })}
          </ul>
        </>
      )}
      {tasks.hasNextPage && (
        <button
          type="button"
          className="secondary load-more"
          disabled={tasks.isFetchingNextPage}
          onClick={() => void tasks.fetchNextPage()}
        >
          {tasks.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
