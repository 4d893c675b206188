import { useRef, useState } from 'react';
import { describeError } from '../../../lib/api-error';
import { TaskNotSavedError } from '../api/pending-tasks';
import { TaskConflictError, useCompleteTask, useDeleteTask, useTakeTheirs, useUpdateTask } from '../api/use-tasks';
import type { Task } from '../api/types';
import { type RecurrenceChoices, choicesFromRule, describeRule } from '../recurrence/recurrence-choices';
import { type ReminderChoices, choicesFromReminder, toLocalInput } from '../reminders/reminder-choices';
import { type MyChange, useTaskConflict } from '../api/task-conflicts';
import { EditConflict } from './edit-conflict';
import { PriorityField } from './priority-field';
import { parseTags } from './quick-add';
import { RecurrenceField } from './recurrence-field';
import { ReminderField } from './reminder-field';
import { scheduleFromChoices } from './schedule-fields';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const shortDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });

/** "Next: Mon 9 Dec", said once a completion has created the series' next occurrence. */
export const nextNotice = (dueAt: string | null) =>
  dueAt ? `Next: ${shortDay.format(new Date(dueAt))}` : 'Next one added';

/**
 * One task. `taskKey` is its React key, the same while it is being created and after: every
 * action is open at once, and the ones taken before the server has answered wait for its id.
 */
export function TaskItem({
  task,
  taskKey,
  userId,
  onError,
  onNotice,
}: {
  task: Task;
  taskKey: string;
  userId?: string;
  onError: (message: string) => void;
  /** A short outcome to announce, e.g. the next occurrence of a repeating task. */
  onNotice: (message: string) => void;
}) {
  const complete = useCompleteTask(taskKey, userId);
  const update = useUpdateTask(taskKey, userId);
  const remove = useDeleteTask(taskKey, userId);
  const takeTheirs = useTakeTheirs(userId);
  const [editing, setEditing] = useState(false);
  // A change the API refused because the task changed elsewhere, and the version that won.
  const { conflict, clear: clearConflict } = useTaskConflict(taskKey);
  const editButton = useRef<HTMLButtonElement>(null);
  // The version the editor was opened on: its save must not silently overwrite one the board
  // fetched meanwhile. Unknown while a change of this board's own is still in flight.
  const editBase = useRef<string | undefined>(undefined);
  const startEditing = () => {
    editBase.current = update.isPending || complete.isPending ? undefined : task.etag || undefined;
    setEditing(true);
  };
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState<{
    title: string;
    description: string;
    priority: Task['priority'];
    tags: string;
    dueAt: string;
    recurrence: RecurrenceChoices | 'keep';
    reminder: ReminderChoices;
  }>(() => ({
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: task.tags.join(', '),
    dueAt: toLocalInput(task.dueAt),
    // A rule the choices cannot say (from the API directly) is kept as it is unless changed.
    recurrence: choicesFromRule(task.recurrence) ?? 'keep',
    reminder: choicesFromReminder(task),
  }));
  // A task whose creation was refused is gone, and the quick add has said why. A change over a
  // newer version is not lost: the conflict panel shows both (see useTaskConflict).
  const report = (error: unknown) => {
    if (!(error instanceof TaskNotSavedError) && !(error instanceof TaskConflictError)) onError(describeError(error));
  };
  const onCompleted = (answer: { completed: boolean; next?: Task | null }) => {
    if (answer.completed && answer.next) onNotice(nextNotice(answer.next.dueAt));
  };
  /**
   * Sends a change with If-Match: `etag` when given (Keep mine: the version that won; the editor:
   * the version it opened on), else the tag the board last heard for the task.
   */
  const send = (mine: MyChange, etag?: string) => {
    if (mine.kind === 'update') update.mutate({ id: task.id, changes: mine.changes, etag }, { onError: report });
    if (mine.kind === 'complete') {
      complete.mutate({ id: task.id, completed: mine.completed, etag }, { onError: report, onSuccess: onCompleted });
    }
    if (mine.kind === 'delete') remove.mutate({ id: task.id, etag }, { onError: report });
  };
  const resolve = (choice: 'mine' | 'theirs') => {
    if (!conflict) return;
    clearConflict();
    if (choice === 'mine') send(conflict.mine, conflict.theirs.etag);
    else takeTheirs(conflict.theirs);
    editButton.current?.focus();
  };

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (!draft.title.trim()) return onError('Give the task a title.');
    const schedule = scheduleFromChoices(draft.recurrence, draft.reminder, Boolean(draft.dueAt));
    if (!schedule.ok) return onError(schedule.message);
    // Either reminder field replaces both, and re-arms the reminder: an unchanged one is not sent,
    // so editing the title never mails a reminder that was already sent.
    const { remindAt, remindMinutesBefore, ...rest } = schedule.fields;
    const reminder =
      remindMinutesBefore !== null
        ? remindMinutesBefore === task.remindMinutesBefore
          ? {}
          : { remindMinutesBefore }
        : task.remindMinutesBefore === null && remindAt === task.remindAt
          ? {}
          : { remindAt };
    send(
      {
        kind: 'update',
        changes: {
          title: draft.title.trim(),
          description: draft.description,
          priority: draft.priority,
          tags: parseTags(draft.tags),
          dueAt: draft.dueAt ? new Date(draft.dueAt).toISOString() : null,
          ...rest,
          ...reminder,
        },
      },
      editBase.current,
    );
    setEditing(false);
  };

  if (editing) {
    return (
      <li className="task editing">
        <form onSubmit={save} aria-label={`Edit ${task.title}`}>
          <div className="field">
            <label htmlFor={`title-${task.id}`}>Title</label>
            <input
              id={`title-${task.id}`}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`description-${task.id}`}>Description</label>
            <textarea
              id={`description-${task.id}`}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              rows={3}
            />
          </div>
          <PriorityField
            id={`priority-${task.id}`}
            value={draft.priority}
            onChange={(priority) => setDraft({ ...draft, priority: priority ?? 'medium' })}
          />
          <div className="field">
            <label htmlFor={`tags-${task.id}`}>Tags</label>
            <input
              id={`tags-${task.id}`}
              value={draft.tags}
              onChange={(e) => setDraft({ ...draft, tags: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`due-${task.id}`}>Due</label>
            <input
              id={`due-${task.id}`}
              type="datetime-local"
              value={draft.dueAt}
              onChange={(e) => setDraft({ ...draft, dueAt: e.target.value })}
            />
          </div>
          <RecurrenceField
            id={`recurrence-${task.id}`}
            value={draft.recurrence}
            onChange={(recurrence) => setDraft({ ...draft, recurrence })}
            dueAt={draft.dueAt}
            kept={task.recurrence ?? undefined}
          />
          <ReminderField
            id={`reminder-${task.id}`}
            value={draft.reminder}
            onChange={(reminder) => setDraft({ ...draft, reminder })}
          />
          <div className="actions">
            <button type="submit">Save</button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}`}>
      <input
        type="checkbox"
        id={`done-${task.id}`}
        checked={task.completed}
        onChange={(e) => send({ kind: 'complete', completed: e.target.checked })}
      />
      <div className="task-body">
        <label htmlFor={`done-${task.id}`} className="task-title">
          {task.title}
        </label>
        {task.description && <p className="task-description">{task.description}</p>}
        <p className="task-meta">
          <span className={`priority priority-${task.priority}`}>{task.priority} priority</span>
          {task.dueAt && <span>Due {dateTime.format(new Date(task.dueAt))}</span>}
          {task.recurrence && <span className="recurrence-words">{describeRule(task.recurrence)}</span>}
          {task.remindAt && !task.completed && <span>Reminder {dateTime.format(new Date(task.remindAt))}</span>}
          {task.tags.map((tag) => (
            <span key={tag} className="tag">
              #{tag}
            </span>
          ))}
        </p>
      </div>
      <div className="actions">
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => send({ kind: 'delete' })}>
              Confirm delete
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="secondary"
              ref={editButton}
              onClick={startEditing}
              aria-label={`Edit ${task.title}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${task.title}`}
            >
              Delete
            </button>
          </>
        )}
      </div>
      {conflict && (
        <EditConflict
          mine={conflict.mine}
          theirs={conflict.theirs}
          onKeepMine={() => resolve('mine')}
          onTakeTheirs={() => resolve('theirs')}
        />
      )}
    </li>
  );
}
