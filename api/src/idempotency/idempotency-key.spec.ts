import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { idempotencyKeyOf } from './idempotency-key.js';

const raw = (...values: string[]) => values.flatMap((value) => ['Idempotency-Key', value]);

describe('idempotencyKeyOf', () => {
  it('takes 1 to 255 printable ASCII characters as they are', () => {
    expect(idempotencyKeyOf('a', raw('a'))).toBe('a');
    expect(idempotencyKeyOf('"quoted" key ~', raw('"quoted" key ~'))).toBe('"quoted" key ~');
    expect(idempotencyKeyOf('x'.repeat(255), raw('x'.repeat(255)))).toHaveLength(255);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(256)],
    ['a tab', 'a\tb'],
    ['a control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['non-ASCII', 'clé'],
    ['a newline', 'a\nb'],
  ])('refuses %s with a 400', (_name, value) => {
    expect(() => idempotencyKeyOf(value, raw(value))).toThrow(BadRequestException);
  });

  it('refuses the header given twice, whatever its case', () => {
    expect(() => idempotencyKeyOf('a, b', ['Idempotency-Key', 'a', 'idempotency-key', 'b'])).toThrow(
      BadRequestException,
    );
    expect(() => idempotencyKeyOf(['a', 'b'], raw('a'))).toThrow(BadRequestException);
  });
});
