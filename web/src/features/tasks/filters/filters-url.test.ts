import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearch, searchFromFilters, viewSearch } from './filters-url';

const read = (search: string) => filtersFromSearch(new URLSearchParams(search));
const write = (filters: Parameters<typeof searchFromFilters>[0]) => searchFromFilters(filters).toString();

describe('the board’s filters in the URL', () => {
  it('means the defaults when the URL names none', () => {
    expect(read('')).toEqual(DEFAULT_FILTERS);
    expect(DEFAULT_FILTERS).toEqual({ status: 'all', sort: 'createdAt', order: 'desc' });
  });

  it('reads every filter, search and sort it names', () => {
    expect(read('?q=oat+milk&status=done&priority=high&tag=work&sort=title&order=asc')).toEqual({
      q: 'oat milk',
      status: 'done',
      priority: 'high',
      tag: 'work',
      sort: 'title',
      order: 'asc',
    });
  });

  it.each([
    ['an unknown status', '?status=archived'],
    ['an unknown priority', '?priority=urgent'],
    ['an unknown sort', '?sort=owner'],
    ['an unknown order', '?order=sideways'],
    ['a value in another case', '?status=DONE&sort=Title'],
    ['an injection attempt', "?status=all'%20OR%201=1--&sort=createdAt;DROP"],
    ['a blank search and tag', '?q=%20%20&tag='],
    ['a search over 200 characters', `?q=${'a'.repeat(201)}`],
    ['a tag over 50 characters', `?tag=${'t'.repeat(51)}`],
  ])('falls back to the default for %s', (_name, search) => {
    expect(read(search)).toEqual(DEFAULT_FILTERS);
  });

  it('keeps the valid filters when others are invalid, and reads the first of repeated ones', () => {
    expect(read('?status=open&status=done&priority=nope&tag=home')).toEqual({
      ...DEFAULT_FILTERS,
      status: 'open',
      tag: 'home',
    });
  });

  it('takes text at the API’s bounds and trims it', () => {
    expect(read(`?q=${'a'.repeat(200)}&tag=%20${'t'.repeat(50)}%20`)).toMatchObject({
      q: 'a'.repeat(200),
      tag: 't'.repeat(50),
    });
  });

  it('writes nothing for the defaults or for empty text', () => {
    expect(write(DEFAULT_FILTERS)).toBe('');
    expect(write({ ...DEFAULT_FILTERS, q: '   ', tag: '' })).toBe('');
  });

  it('writes only what differs from the defaults, always in the same order, text trimmed', () => {
    expect(write({ order: 'asc', sort: 'dueAt', tag: ' q3 ', priority: 'low', status: 'open', q: ' report ' })).toBe(
      'q=report&status=open&priority=low&tag=q3&sort=dueAt&order=asc',
    );
    expect(write({ ...DEFAULT_FILTERS, status: 'done' })).toBe('status=done');
  });

  it('reads back what it writes', () => {
    const filters = {
      q: 'café & crème',
      status: 'done',
      priority: 'medium',
      tag: 'a/b?c',
      sort: 'priority',
      order: 'asc',
    } as const;
    expect(read(`?${write(filters)}`)).toEqual(filters);
  });

  describe('due views', () => {
    it('reads a view and sorts it by due date, soonest first, unless the URL names a sort', () => {
      expect(read('?due=today')).toEqual({ status: 'all', due: 'today', sort: 'dueAt', order: 'asc' });
      expect(read('?due=overdue&sort=title')).toEqual({ status: 'all', due: 'overdue', sort: 'title', order: 'asc' });
    });

    it.each(['?due=yesterday', '?due=TODAY', "?due=today'--"])('ignores an unknown view: %s', (search) => {
      expect(read(search)).toEqual(DEFAULT_FILTERS);
    });

    it('writes the view first and leaves out the view’s own sort', () => {
      expect(write({ due: 'upcoming', sort: 'dueAt', order: 'asc', status: 'open' })).toBe('due=upcoming&status=open');
      expect(write({ due: 'upcoming', sort: 'createdAt', order: 'desc' })).toBe(
        'due=upcoming&sort=createdAt&order=desc',
      );
      expect(read(`?${write({ due: 'today', sort: 'priority', order: 'asc' })}`)).toEqual({
        status: 'all',
        due: 'today',
        sort: 'priority',
        order: 'asc',
      });
    });

    it('links each view with the filters kept and the sort reset', () => {
      const filters = { ...DEFAULT_FILTERS, q: 'milk', sort: 'title', order: 'asc' } as const;
      expect(viewSearch(filters, 'overdue')).toBe('?due=overdue&q=milk');
      expect(viewSearch({ ...filters, due: 'overdue' }, undefined)).toBe('?q=milk');
      expect(viewSearch(DEFAULT_FILTERS, undefined)).toBe('');
    });
  });
});
