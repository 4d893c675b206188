import { useEffect, useId, useRef } from 'react';
import type { MyChange } from '../api/task-conflicts';
import type { Task } from '../api/types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : 'None');
const yesNo = (value: boolean) => (value ? 'Done' : 'Not done');

interface Row {
  label: string;
  mine: string;
  theirs: string;
}

/** The fields the person changed, theirs beside them; all of the task's when theirs is to be deleted. */
function rowsOf(mine: MyChange, theirs: Task): Row[] {
  if (mine.kind === 'delete') {
    return [
      { label: 'Task', mine: 'Deleted', theirs: theirs.title },
      { label: 'Status', mine: '—', theirs: yesNo(theirs.completed) },
    ];
  }
  if (mine.kind === 'complete')
    return [{ label: 'Status', mine: yesNo(mine.completed), theirs: yesNo(theirs.completed) }];
  const { changes } = mine;
  const rows: Row[] = [];
  if (changes.title !== undefined) rows.push({ label: 'Title', mine: changes.title, theirs: theirs.title });
  if (changes.description !== undefined) {
    rows.push({ label: 'Description', mine: changes.description || 'None', theirs: theirs.description || 'None' });
  }
  if (changes.priority !== undefined) rows.push({ label: 'Priority', mine: changes.priority, theirs: theirs.priority });
  if (changes.tags !== undefined) {
    rows.push({ label: 'Tags', mine: changes.tags.join(', ') || 'None', theirs: theirs.tags.join(', ') || 'None' });
  }
  if (changes.dueAt !== undefined) rows.push({ label: 'Due', mine: when(changes.dueAt), theirs: when(theirs.dueAt) });
  if (changes.completed !== undefined) {
    rows.push({ label: 'Status', mine: yesNo(changes.completed), theirs: yesNo(theirs.completed) });
  }
  return rows;
}

/**
 * "This task was changed elsewhere": the newer version beside the person's change, and the
 * choice between them. An alert dialog in place (not modal: the rest of the board stays usable);
 * the focus moves to its safe choice, Take theirs, and Escape takes it too.
 */
export function EditConflict({
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: MyChange;
  theirs: Task;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const safeChoice = useRef<HTMLButtonElement>(null);
  useEffect(() => safeChoice.current?.focus(), []);
  const rows = rowsOf(mine, theirs);
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="edit-conflict"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onTakeTheirs();
      }}
    >
      <h3 id={titleId}>This task was changed elsewhere</h3>
      <p id={descriptionId}>
        “{theirs.title}” was changed (in another tab or on another device) after this board showed it. Keep your change
        over it, or take the newer version and drop yours.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Yours</th>
            <th scope="col">Theirs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.mine}</td>
              <td>{row.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="secondary" ref={safeChoice} onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </div>
  );
}
