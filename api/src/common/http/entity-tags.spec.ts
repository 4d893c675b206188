import { describe, expect, it } from '@jest/globals';
import { parseEntityTagList, weakMatches } from './entity-tags.js';

describe('entity-tag lists (RFC 9110 §8.8.3)', () => {
  it('reads * as "any current representation"', () => {
    expect(parseEntityTagList('*')).toEqual({ any: true });
    expect(parseEntityTagList('  *  ')).toEqual({ any: true });
  });

  it('reads strong and weak tags, with spaces and empty list elements', () => {
    expect(parseEntityTagList(' "3", W/"4" ,, "" ')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: '3' },
        { weak: true, opaque: '4' },
        { weak: false, opaque: '' },
      ],
    });
  });

  it.each([
    ['a bare token', '3'],
    ['an unclosed quote', '"3'],
    ['a quote inside the tag', '"3"4"'],
    ['a lower-case weak prefix', 'w/"3"'],
    ['* inside a list', '"3", *'],
    ['only commas', ' , ,'],
    ['an empty header', ''],
    ['a space inside the tag', '"3 4"'],
    ['a control character', '"3\u0001"'],
  ])('refuses %s', (_name, header) => {
    expect(parseEntityTagList(header)).toHaveProperty('error');
  });

  it('refuses more than 32 tags and headers over 2048 characters', () => {
    expect(parseEntityTagList(Array.from({ length: 33 }, (_, n) => `"${n}"`).join(','))).toHaveProperty('error');
    expect(parseEntityTagList(`"${'a'.repeat(2050)}"`)).toHaveProperty('error');
    expect(parseEntityTagList(Array.from({ length: 32 }, (_, n) => `"${n}"`).join(','))).toMatchObject({ any: false });
  });

  it('compares weakly for If-None-Match: W/ or not, the opaque parts decide', () => {
    const current = { weak: false, opaque: '7' };
    expect(weakMatches({ weak: true, opaque: '7' }, current)).toBe(true);
    expect(weakMatches({ weak: false, opaque: '8' }, current)).toBe(false);
  });
});
