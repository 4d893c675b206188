import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path of this app', () => {
    expect(safeReturnTo('/tasks?status=open')).toBe('/tasks?status=open');
  });
  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])(
    'refuses %s',
    (value) => {
      expect(safeReturnTo(value)).toBe('/tasks');
    },
  );
});
