import { useMemo } from 'react';
import { useLocation, useNavigationType, useSearchParams } from 'react-router';
import type { TaskFilters } from '../api/types';
import { type BoardFilters, filtersFromSearch, searchFromFilters } from './filters-url';

/** What the filter form leaves in the history entries it writes. */
interface FormEntry {
  /** The `syncKey` the form was showing when it wrote this entry. */
  filtersOrigin: string;
  /** Written while typing: the next keystrokes replace this entry instead of adding one each. */
  typing: boolean;
}

const formEntry = (state: unknown): FormEntry | undefined => {
  const entry = state as Partial<FormEntry> | null | undefined;
  return typeof entry?.filtersOrigin === 'string'
    ? { filtersOrigin: entry.filtersOrigin, typing: !!entry.typing }
    : undefined;
};

export interface UrlFilters {
  filters: BoardFilters;
  /** Writes `next` to the URL: a new history entry, or, while typing, the typing entry replaced. */
  setFilters: (next: TaskFilters, how: { typing: boolean }) => void;
  /**
   * Changes whenever the URL's filters change by something other than the form itself (Back,
   * Forward, a link, a fresh page): the form then shows the URL again.
   */
  syncKey: string;
}

/** The board's filters, search and sort, kept in the URL so it can be shared and Back works. */
export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const written = navigationType === 'POP' ? undefined : formEntry(location.state);
  const syncKey = written?.filtersOrigin ?? location.key;

  const setFilters = (next: TaskFilters, { typing }: { typing: boolean }) => {
    const search = searchFromFilters(next);
    if (search.toString() === searchFromFilters(filters).toString()) return;
    const state: FormEntry = { filtersOrigin: syncKey, typing };
    setParams(search, { replace: typing && Boolean(written?.typing), state, preventScrollReset: true });
  };
  return { filters, setFilters, syncKey };
}
