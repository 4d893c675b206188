import type { TaskFilters as Filters } from '../api/types';
import { PriorityField } from './priority-field';

export function TaskFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <form className="filters" role="search" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input
          id="filter-q"
          type="search"
          value={value.q ?? ''}
          onChange={(e) => set({ q: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={value.status ?? 'all'}
          onChange={(e) => set({ status: e.target.value as Filters['status'] })}
        >
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="done">Done</option>
        </select>
      </div>
      <PriorityField
        id="filter-priority"
        value={value.priority}
        onChange={(priority) => set({ priority })}
        anyLabel="Any"
      />
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <input
          id="filter-tag"
          value={value.tag ?? ''}
          onChange={(e) => set({ tag: e.target.value.trim() || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort by</label>
        <select
          id="filter-sort"
          value={value.sort ?? 'createdAt'}
          onChange={(e) => set({ sort: e.target.value as Filters['sort'] })}
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
          value={value.order ?? 'desc'}
          onChange={(e) => set({ order: e.target.value as Filters['order'] })}
        >
          <option value="desc">Descending</option>
          <option value="asc">Ascending</option>
        </select>
      </div>
    </form>
  );
}
