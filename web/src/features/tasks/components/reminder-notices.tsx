import { useEffect, useRef, useState } from 'react';
import type { Task } from '../api/types';

/** setTimeout holds at most 2^31-1 ms; a reminder further off is scheduled when the list is next loaded. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

interface Notice {
  key: string;
  title: string;
}

/**
 * The in-app side of reminders: a timer for each reminder of the loaded tasks that comes due while
 * the page is open, and a notice in a live region when it does. Timers, not polling: the list is
 * already fetched (and refetched after every change and on focus), so it knows every remindAt; the
 * mail is the server's job and is sent whether or not the app is open.
 */
export function ReminderNotices({ tasks }: { tasks: Task[] }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  // A reminder is one task at one time: a moved reminder may fire again, a refetch never repeats one.
  const shown = useRef(new Set<string>());

  useEffect(() => {
    const now = Date.now();
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    for (const task of tasks) {
      if (task.completed || !task.remindAt) continue;
      const key = `${task.id}@${task.remindAt}`;
      const delay = Date.parse(task.remindAt) - now;
      if (shown.current.has(key) || delay < 0 || delay > LONGEST_TIMER_MS) continue;
      timers.push(
        setTimeout(() => {
          shown.current.add(key);
          setNotices((current) => [...current, { key, title: task.title }]);
        }, delay),
      );
    }
    return () => timers.forEach(clearTimeout);
  }, [tasks]);

  return (
    <div aria-live="polite" className="reminder-notices">
      {notices.map((notice) => (
        <p key={notice.key} className="message reminder-notice">
          Reminder: {notice.title}{' '}
          <button
            type="button"
            className="secondary"
            aria-label={`Dismiss the reminder for ${notice.title}`}
            onClick={() => setNotices((current) => current.filter((other) => other.key !== notice.key))}
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
