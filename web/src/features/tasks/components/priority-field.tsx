import type { TaskPriority } from '../api/types';

const PRIORITIES: Array<[TaskPriority, string]> = [
  ['low', 'Low'],
  ['medium', 'Medium'],
  ['high', 'High'],
];

/** The labelled priority choice; with `anyLabel`, choosing nothing is allowed (filters). */
export function PriorityField({
  id,
  value,
  onChange,
  anyLabel,
}: {
  id: string;
  value: TaskPriority | undefined;
  onChange: (value: TaskPriority | undefined) => void;
  anyLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Priority</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange((event.target.value || undefined) as TaskPriority | undefined)}
      >
        {anyLabel && <option value="">{anyLabel}</option>}
        {PRIORITIES.map(([priority, label]) => (
          <option key={priority} value={priority}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
