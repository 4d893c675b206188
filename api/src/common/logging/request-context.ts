import { AsyncLocalStorage } from 'node:async_hooks';

/** The id of the request being served, wherever its work runs (awaits, callbacks, services). */
const requestIds = new AsyncLocalStorage<string>();

/** Runs the rest of a request's handling with its id in reach of every log line written meanwhile. */
export function runWithRequestId<T>(requestId: string, handle: () => T): T {
  return requestIds.run(requestId, handle);
}

/**
 * pino's `mixin`: adds the current request's id to a line when one is written. Binding the id in
 * a child logger per request instead (nestjs-pino's `runInContext`) ran the bindings through the
 * root's wildcard redaction for every request, although most requests write no line of their own:
 * about 5 % of the 401 path's CPU (bench/results/latest.md).
 */
export function requestIdOfCurrentRequest(): { requestId?: string } {
  const requestId = requestIds.getStore();
  // A new object each time: pino merges the line's own fields into it.
  return requestId === undefined ? {} : { requestId };
}
