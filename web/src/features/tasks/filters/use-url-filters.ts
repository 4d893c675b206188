import { useMemo } from 'react';
import { type Location, useLocation, useNavigationType, useSearchParams } from 'react-router';
import type { TaskFilters } from '../api/types';
import { type BoardFilters, filtersFromSearch, searchFromFilters } from './filters-url';

/** What the filter form leaves in the history entries it writes. */
interface FormEntry {
  taskFilters: true;
  /** Written while typing: the next pause in the typing replaces this entry instead of adding one. */
  typing: boolean;
}

const isFormEntry = (state: unknown): state is FormEntry =>
  typeof state === 'object' && state !== null && (state as Partial<FormEntry>).taskFilters === true;

export interface UrlFilters {
  filters: BoardFilters;
  /** Writes `next` to the URL: a new history entry, or, while typing, the typing entry replaced. */
  setFilters: (next: TaskFilters, how: { typing: boolean }) => void;
  /**
   * Set when the URL's filters come from something other than the form itself (Back, Forward, a
   * link, a fresh page), and a new value each time: the form then shows the URL again.
   */
  outside: Location | undefined;
}

/** The board's filters, search and sort, kept in the URL so it can be shared and Back works. */
export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const written = navigationType !== 'POP' && isFormEntry(location.state) ? location.state : undefined;

  const setFilters = (next: TaskFilters, { typing }: { typing: boolean }) => {
    const search = searchFromFilters(next);
    if (search.toString() === searchFromFilters(filters).toString()) return;
    const state: FormEntry = { taskFilters: true, typing };
    setParams(search, { replace: typing && Boolean(written?.typing), state, preventScrollReset: true });
  };
  return { filters, setFilters, outside: written ? undefined : location };
}
