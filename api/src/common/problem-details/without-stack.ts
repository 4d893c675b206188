/**
 * Builds an expected refusal (401, 429) without capturing a stack trace: V8 walks and records
 * the stack when an Error is constructed, which on the refusal paths costs more than the answer.
 * These exceptions are answered by ProblemDetailsFilter and never logged with their stack.
 */
export function withoutStack<T extends Error>(create: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
