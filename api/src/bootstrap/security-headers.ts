import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for these options, computed once at start-up. @fastify/helmet calls
 * `helmet(options)` on every request, parsing and validating the CSP directives each time (seen
 * at 1.6 % of the 401 path's samples, plus a promise and a closure per request); our options have
 * no per-request part (no nonces, no function directives), so the answer is the same each time.
 * Names are kept lowercase: Fastify lowercases every name it is given (a new string per header
 * per request for helmet's Mixed-Case ones) and sends them lowercase either way.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    // helmet's only other call (X-Powered-By, which Fastify never sets).
    removeHeader() {},
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return Object.freeze(headers);
}
