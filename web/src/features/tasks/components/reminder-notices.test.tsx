import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTask } from '../../../testing/task-builder';
import type { Task } from '../api/types';
import { ReminderNotices } from './reminder-notices';

const NOW = Date.parse('2026-12-02T09:00:00.000Z');
const task = (title: string, patch: Partial<Task>) => buildTask({ title, ...patch });
/** Moves the fake clock on and lets React render what the timers set. */
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('in-app reminder notices', () => {
  it('announce a reminder when it comes due while the page is open, once, and not before', async () => {
    const tasks = [
      task('Call the dentist', { remindAt: inMinutes(1) }),
      task('Already done', { remindAt: inMinutes(1), completed: true }),
      task('Long past', { remindAt: inMinutes(-60) }),
    ];
    const { rerender } = render(<ReminderNotices tasks={tasks} />);
    const region = document.querySelector('[aria-live="polite"]');
    expect(region).toBeEmptyDOMElement();
    await advance(59_000);
    expect(region).toBeEmptyDOMElement();
    await advance(1_000);
    expect(screen.getByText(/Reminder: Call the dentist/)).toBeInTheDocument();
    expect(screen.queryByText(/Already done|Long past/)).toBeNull();

    // A refetch of the same tasks does not announce it again.
    rerender(<ReminderNotices tasks={tasks.map((t) => ({ ...t }))} />);
    await advance(120_000);
    expect(screen.getAllByText(/Reminder: Call the dentist/)).toHaveLength(1);
  });

  it('follows a moved reminder and drops a deleted one', async () => {
    const moved = task('Moved', { remindAt: inMinutes(1) });
    const deleted = task('Deleted', { remindAt: inMinutes(1) });
    const { rerender } = render(<ReminderNotices tasks={[moved, deleted]} />);
    rerender(<ReminderNotices tasks={[{ ...moved, remindAt: inMinutes(5) }]} />);
    await advance(60_000);
    expect(screen.queryByText(/Reminder:/)).toBeNull();
    await advance(4 * 60_000);
    expect(screen.getByText(/Reminder: Moved/)).toBeInTheDocument();
    expect(screen.queryByText(/Reminder: Deleted/)).toBeNull();
  });
});
