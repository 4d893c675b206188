import { useId, useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { describeError } from '../../../lib/api-error';
import { useCreateTask } from '../api/use-tasks';
import { PriorityField } from './priority-field';
import type { NewTask, TaskPriority } from '../api/types';
import { NO_RECURRENCE, type RecurrenceChoices } from '../recurrence/recurrence-choices';
import { NO_REMINDER, type ReminderChoices } from '../reminders/reminder-choices';
import { RecurrenceField } from './recurrence-field';
import { ReminderField } from './reminder-field';
import { scheduleFromChoices } from './schedule-fields';

export const TITLE_MAX = 200;

/** Parses "work, q3 , work" into ['work', 'q3']: trimmed, no empties, first occurrence kept. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function QuickAdd({ userId }: { userId?: string }) {
  const id = useId();
  const create = useCreateTask(userId);
  const [title, setTitle] = useState('');
  const [more, setMore] = useState(false);
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TaskPriority>('medium');
  const [tags, setTags] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [recurrence, setRecurrence] = useState<RecurrenceChoices | 'keep'>(NO_RECURRENCE);
  const [reminder, setReminder] = useState<ReminderChoices>(NO_REMINDER);
  const [problem, setProblem] = useState<string>();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return setProblem('Give the task a title.');
    if ([...trimmed].length > TITLE_MAX) return setProblem(`Use at most ${TITLE_MAX} characters for the title.`);
    const tagList = parseTags(tags);
    if (tagList.length > 20 || tagList.some((tag) => tag.length > 50))
      return setProblem('Use at most 20 tags of up to 50 characters.');
    const schedule = scheduleFromChoices(recurrence, reminder, Boolean(dueAt));
    if (!schedule.ok) return setProblem(schedule.message);
    setProblem(undefined);
    const task: NewTask = { title: trimmed, priority, tags: tagList };
    if (description) task.description = description;
    if (dueAt) task.dueAt = new Date(dueAt).toISOString();
    if (schedule.fields.recurrence) task.recurrence = schedule.fields.recurrence;
    if (schedule.fields.remindAt) task.remindAt = schedule.fields.remindAt;
    if (schedule.fields.remindMinutesBefore !== null) task.remindMinutesBefore = schedule.fields.remindMinutesBefore;
    create.mutate(task, {
      onError: (error) => setProblem(describeError(error)),
    });
    setTitle('');
    setDescription('');
    setTags('');
    setDueAt('');
    setPriority('medium');
    setRecurrence(NO_RECURRENCE);
    setReminder(NO_REMINDER);
  };

  return (
    <form className="quick-add" onSubmit={submit} aria-label="Add a task" noValidate>
      <div className="quick-add-row">
        <label htmlFor={`${id}-title`} className="visually-hidden">
          New task title
        </label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Add a task…"
          maxLength={TITLE_MAX * 2}
        />
        <button type="submit">Add</button>
        <button
          type="button"
          className="secondary"
          aria-expanded={more}
          aria-controls={`${id}-more`}
          onClick={() => setMore(!more)}
        >
          {more ? 'Fewer options' : 'More options'}
        </button>
      </div>
      <div id={`${id}-more`} hidden={!more} className="quick-add-more">
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={10_000}
            rows={3}
          />
        </div>
        <PriorityField id={`${id}-priority`} value={priority} onChange={(value) => setPriority(value ?? 'medium')} />
        <div className="field">
          <label htmlFor={`${id}-tags`}>Tags</label>
          <input
            id={`${id}-tags`}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            aria-describedby={`${id}-tags-hint`}
          />
          <p id={`${id}-tags-hint`} className="hint">
            Separate tags with commas.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due</label>
          <input id={`${id}-due`} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
        </div>
        <RecurrenceField id={`${id}-recurrence`} value={recurrence} onChange={setRecurrence} dueAt={dueAt} />
        <ReminderField id={`${id}-reminder`} value={reminder} onChange={setReminder} />
      </div>
      <StatusMessage kind="alert">{problem}</StatusMessage>
    </form>
  );
}
