import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * GET (a server-to-client SSE stream) and DELETE (ending a session) are not offered: the
 * endpoint is stateless and answers every POST at once. The transport spec's answer is 405.
 */
export class McpMethodNotAllowedException extends HttpException {
  readonly headers = { Allow: 'POST' };

  constructor() {
    super(
      'The MCP endpoint is stateless: it opens no event stream and has no session to end. POST JSON-RPC messages.',
      HttpStatus.METHOD_NOT_ALLOWED,
    );
  }
}
