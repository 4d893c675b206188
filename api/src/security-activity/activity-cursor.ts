import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

/** Where the previous page ended: its last row's time (to the microsecond, as stored) and id. */
export interface ActivityCursor {
  occurredAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROSECOND_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeActivityCursor(cursor: ActivityCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id])).toString('base64url');
}

/** Reads a cursor back, trusting nothing: anything encodeActivityCursor did not write is a 400. */
export function decodeActivityCursor(raw: string): ActivityCursor {
  const invalid = new ValidationFailedException([
    { field: 'cursor', message: 'cursor is not a cursor this API issued' },
  ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string')) throw invalid;
  const [occurredAt, id] = parsed as [string, string];
  if (!MICROSECOND_TIME.test(occurredAt) || !Number.isFinite(Date.parse(occurredAt)) || !UUID.test(id)) throw invalid;
  return { occurredAt, id };
}
