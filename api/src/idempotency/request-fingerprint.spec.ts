import { describe, expect, it } from '@jest/globals';
import { requestFingerprint } from './request-fingerprint.js';

describe('requestFingerprint', () => {
  it('is the same for the same JSON written another way (RFC 8785)', () => {
    const a = requestFingerprint(JSON.parse('{"title":"A","tags":["x"],"n":1.0}'));
    const b = requestFingerprint(JSON.parse('{ "n": 1, "tags": ["x"], "title": "\\u0041" }'));
    expect(a.equals(b)).toBe(true);
    expect(a).toHaveLength(32);
  });

  it('differs when any value, key or order of an array differs', () => {
    const base = requestFingerprint({ title: 'A', tags: ['x', 'y'] });
    expect(base.equals(requestFingerprint({ title: 'B', tags: ['x', 'y'] }))).toBe(false);
    expect(base.equals(requestFingerprint({ title: 'A', tags: ['y', 'x'] }))).toBe(false);
    expect(base.equals(requestFingerprint({ title: 'A', tags: ['x', 'y'], priority: 'low' }))).toBe(false);
    expect(base.equals(requestFingerprint({ title: 'A', tags: ['x', 'y'], extra: null }))).toBe(false);
  });

  it('counts no body as null, and refuses a lone surrogate with a 400 rather than throwing a 500', () => {
    expect(requestFingerprint(undefined).equals(requestFingerprint(null))).toBe(true);
    expect(() => requestFingerprint({ title: '\ud800' })).toThrow('not valid Unicode');
  });
});
