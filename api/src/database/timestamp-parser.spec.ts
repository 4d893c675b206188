import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { parseTimestamptz } from './timestamp-parser.js';

const postgresDate = pg.types.getTypeParser(1184);

/** The Date both make, or the value postgres-date gives for what is not a Date (infinity). */
const same = (text: string) => {
  const ours = parseTimestamptz(text);
  const theirs = postgresDate(text) as unknown;
  if (theirs instanceof Date) expect(ours instanceof Date ? ours.getTime() : ours).toBe(theirs.getTime());
  else expect(ours).toBe(theirs);
};

describe('parseTimestamptz', () => {
  it('reads UTC timestamps exactly as postgres-date does, for every fraction length', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const iso = new Date(Date.UTC(1000, 0, 1) + random() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)))
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ');
      const digits = Math.floor(random() * 7);
      const fraction = digits ? `.${String(Math.floor(random() * 10 ** digits)).padStart(digits, '0')}` : '';
      same(`${iso}${fraction}+00`);
    }
  });

  it('reads every millisecond fraction as postgres-date does (float arithmetic included)', () => {
    for (let ms = 0; ms < 1000; ms++) {
      same(`2026-12-02 18:48:43.${String(ms).padStart(3, '0')}+00`);
      same(`2026-12-02 18:48:43.${String(ms).padStart(3, '0')}999+00`);
    }
  });

  it('leaves every other shape to postgres-date', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '2026-12-02 18:48:43.5+05:30',
      '2026-12-02 18:48:43-08',
      '2026-12-02 18:48:43+01',
      '0099-01-01 00:00:00+00',
      '0001-01-01 00:00:00+00 BC',
      '12026-12-02 18:48:43+00',
      '2026-12-02 18:48:43.+00',
      '2026-12-0x 18:48:43+00',
    ])
      same(text);
  });
});
