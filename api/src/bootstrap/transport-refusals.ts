import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problem } from '../common/problem-details/problem-details.js';

interface ParserError extends Error {
  code?: string;
}

/**
 * What Node's HTTP parser refuses before any route runs (headers over 16 KiB, a malformed request
 * line, a client too slow to send its headers). Fastify's default answers its own
 * `{ error, message, statusCode }` JSON; we answer RFC 9457 problem+json like every other error,
 * so a client has one error format to handle. Written straight to the socket: there is no request
 * or reply object yet.
 */
export function answerTransportRefusal(error: ParserError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = refusalFor(error.code);
  if (socket.writable) {
    const body = JSON.stringify(problem(status, detail));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

function refusalFor(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'The request headers exceed the server’s limit of 16 KiB.'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'The request was not received in time.'];
    default:
      return [400, 'The request is not valid HTTP.'];
  }
}
