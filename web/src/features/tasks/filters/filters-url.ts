import type { TaskFilters, TaskPriority } from '../api/types';

type Status = NonNullable<TaskFilters['status']>;
type Sort = NonNullable<TaskFilters['sort']>;
type Order = NonNullable<TaskFilters['order']>;
export type DueView = NonNullable<TaskFilters['due']>;

const STATUSES: readonly Status[] = ['all', 'open', 'done'];
const PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high'];
const SORTS: readonly Sort[] = ['createdAt', 'dueAt', 'priority', 'title'];
const ORDERS: readonly Order[] = ['asc', 'desc'];
export const DUE_VIEWS: readonly DueView[] = ['today', 'upcoming', 'overdue'];
/** The API's bounds for `q` and `tag` (UTF-16 units are never fewer than the code points it counts). */
export const SEARCH_MAX = 200;
export const TAG_MAX = 50;

/** The board's filters with every default filled in: what a URL without parameters means. */
export interface BoardFilters extends TaskFilters {
  status: Status;
  sort: Sort;
  order: Order;
}

export const DEFAULT_FILTERS: Readonly<BoardFilters> = { status: 'all', sort: 'createdAt', order: 'desc' };
/** In a due view (Today, Upcoming, Overdue) what comes due first is shown first, unless the URL says otherwise. */
export const DUE_VIEW_SORT = { sort: 'dueAt', order: 'asc' } as const;

const sortDefaults = (due: DueView | undefined) => (due ? DUE_VIEW_SORT : DEFAULT_FILTERS);

const oneOf = <T extends string>(allowed: readonly T[], raw: string | null): T | undefined =>
  allowed.find((value) => value === raw);

/** Trimmed text within the API's bounds, or nothing: a blank or oversized value is no filter. */
function text(raw: string | null | undefined, max: number): string | undefined {
  const trimmed = raw?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

/**
 * The filters a board URL asks for. Anything unknown, malformed or out of bounds falls back to
 * the default, so whatever the address says, the API is only ever sent values it accepts.
 */
export function filtersFromSearch(params: URLSearchParams): BoardFilters {
  const due = oneOf(DUE_VIEWS, params.get('due'));
  const defaults = sortDefaults(due);
  const filters: BoardFilters = {
    status: oneOf(STATUSES, params.get('status')) ?? DEFAULT_FILTERS.status,
    sort: oneOf(SORTS, params.get('sort')) ?? defaults.sort,
    order: oneOf(ORDERS, params.get('order')) ?? defaults.order,
  };
  if (due) filters.due = due;
  const priority = oneOf(PRIORITIES, params.get('priority'));
  const q = text(params.get('q'), SEARCH_MAX);
  const tag = text(params.get('tag'), TAG_MAX);
  if (priority) filters.priority = priority;
  if (q) filters.q = q;
  if (tag) filters.tag = tag;
  return filters;
}

/** The URL parameters for `filters`: defaults and empty text left out, always in the same order. */
export function searchFromFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  const defaults = sortDefaults(filters.due);
  if (filters.due) params.set('due', filters.due);
  const q = text(filters.q, SEARCH_MAX);
  const tag = text(filters.tag, TAG_MAX);
  if (q) params.set('q', q);
  if (filters.status && filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (tag) params.set('tag', tag);
  if (filters.sort && filters.sort !== defaults.sort) params.set('sort', filters.sort);
  if (filters.order && filters.order !== defaults.order) params.set('order', filters.order);
  return params;
}

/** Whether any filter narrows the list (sorting does not; a due view is said apart). */
export const isNarrowed = (filters: TaskFilters) =>
  Boolean(filters.q || filters.tag || filters.priority || (filters.status ?? 'all') !== 'all');

/** The URL of a due view (undefined: All), keeping the filters and leaving the sort to the view. */
export function viewSearch(filters: TaskFilters, due: DueView | undefined): string {
  const { sort: _sort, order: _order, due: _due, ...narrowing } = filters;
  const search = searchFromFilters({ ...narrowing, ...(due ? { due } : {}) }).toString();
  return search ? `?${search}` : '';
}
