import type { TaskFilters, TaskPriority } from '../api/types';

type Status = NonNullable<TaskFilters['status']>;
type Sort = NonNullable<TaskFilters['sort']>;
type Order = NonNullable<TaskFilters['order']>;

const STATUSES: readonly Status[] = ['all', 'open', 'done'];
const PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high'];
const SORTS: readonly Sort[] = ['createdAt', 'dueAt', 'priority', 'title'];
const ORDERS: readonly Order[] = ['asc', 'desc'];
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
  const filters: BoardFilters = {
    status: oneOf(STATUSES, params.get('status')) ?? DEFAULT_FILTERS.status,
    sort: oneOf(SORTS, params.get('sort')) ?? DEFAULT_FILTERS.sort,
    order: oneOf(ORDERS, params.get('order')) ?? DEFAULT_FILTERS.order,
  };
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
  const q = text(filters.q, SEARCH_MAX);
  const tag = text(filters.tag, TAG_MAX);
  if (q) params.set('q', q);
  if (filters.status && filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (tag) params.set('tag', tag);
  if (filters.sort && filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.order && filters.order !== DEFAULT_FILTERS.order) params.set('order', filters.order);
  return params;
}

/** Whether any filter narrows the list (sorting does not). */
export const isNarrowed = (filters: TaskFilters) =>
  Boolean(filters.q || filters.tag || filters.priority || (filters.status ?? 'all') !== 'all');
