import { useEffect, useEffectEvent, useState } from 'react';
import type { TaskFilters as Filters } from '../api/types';
import { SEARCH_MAX, TAG_MAX } from '../filters/filters-url';
import { PriorityField } from './priority-field';

/** How long typing pauses before the search or tag filter is applied: one request per pause, not per key. */
export const TYPING_PAUSE_MS = 300;

/**
 * The filter form. It shows its own draft, so typing is never held back by the URL; a choice
 * (status, priority, sort) is applied at once, text once typing pauses. When the URL's filters
 * come from elsewhere (`outside`: Back, Forward, a link), the form shows them again.
 */
export function TaskFilters({
  value,
  outside,
  onChange,
}: {
  value: Filters;
  outside: object | undefined;
  onChange: (next: Filters, how: { typing: boolean }) => void;
}) {
  const [draft, setDraft] = useState(value);
  const [typed, setTyped] = useState<Filters>();
  const [shown, setShown] = useState(outside);
  if (outside && outside !== shown) {
    setShown(outside);
    setDraft(value);
    setTyped(undefined);
  }

  const applyTyped = useEffectEvent((next: Filters) => {
    setTyped(undefined);
    onChange(next, { typing: true });
  });
  useEffect(() => {
    if (!typed) return;
    const timer = setTimeout(() => applyTyped(typed), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const type = (patch: Partial<Filters>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setTyped(next);
  };
  const choose = (patch: Partial<Filters>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setTyped(undefined);
    onChange(next, { typing: false });
  };

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter tasks"
      onSubmit={(event) => {
        event.preventDefault();
        // Enter applies the text at once instead of after the pause.
        if (!typed) return;
        setTyped(undefined);
        onChange(typed, { typing: true });
      }}
    >
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input
          id="filter-q"
          type="search"
          value={draft.q ?? ''}
          maxLength={SEARCH_MAX}
          onChange={(e) => type({ q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={draft.status ?? 'all'}
          onChange={(e) => choose({ status: e.target.value as Filters['status'] })}
        >
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="done">Done</option>
        </select>
      </div>
      <PriorityField
        id="filter-priority"
        value={draft.priority}
        onChange={(priority) => choose({ priority })}
        anyLabel="Any"
      />
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <input
          id="filter-tag"
          value={draft.tag ?? ''}
          maxLength={TAG_MAX}
          onChange={(e) => type({ tag: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort by</label>
        <select
          id="filter-sort"
          value={draft.sort ?? 'createdAt'}
          onChange={(e) => choose({ sort: e.target.value as Filters['sort'] })}
        >
          <option value="createdAt">Created</option>
          <option value="dueAt">Due date</option>
          <option value="priority">Priority</option>
          <option value="title">Title</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-order">Order</label>
        <select
          id="filter-order"
          value={draft.order ?? 'desc'}
          onChange={(e) => choose({ order: e.target.value as Filters['order'] })}
        >
          <option value="desc">Descending</option>
          <option value="asc">Ascending</option>
        </select>
      </div>
    </form>
  );
}
