import { type ApiBodyOptions, type ApiOperationOptions, type ApiResponseOptions, getSchemaPath } from '@nestjs/swagger';
import { TOOL_ARGUMENT_MODELS } from './dto/tool-arguments.dto.js';
import { TASK_TOOLS } from './task-tools.js';

const TOOL_NAMES = TASK_TOOLS.map((tool) => tool.name);

/** How /api/mcp is described in the OpenAPI document: the JSON-RPC envelope, not each tool. */
const jsonRpcId = {
  description: 'The request’s id; null in an error about a message that could not be read.',
  oneOf: [
    { type: 'string', maxLength: 256, nullable: true },
    { type: 'integer', format: 'int64', minimum: -9_007_199_254_740_991, maximum: 9_007_199_254_740_991 },
  ],
};
const jsonRpcError = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'integer',
      format: 'int32',
      minimum: -2_147_483_648,
      maximum: 2_147_483_647,
      description: 'JSON-RPC error code (-32700 … -32000)',
    },
    message: { type: 'string', maxLength: 1024 },
    data: { description: 'More about the error, when there is more to say.' },
  },
};
const jsonRpcErrorResponse = {
  type: 'object',
  required: ['jsonrpc', 'error', 'id'],
  properties: { jsonrpc: { type: 'string', enum: ['2.0'] }, id: jsonRpcId, error: jsonRpcError },
};
const jsonRpcResponse = {
  type: 'object',
  required: ['jsonrpc', 'id'],
  description: 'A JSON-RPC 2.0 response: `result` (e.g. the tool list, or a tool’s result) or `error`.',
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: jsonRpcId,
    result: {
      type: 'object',
      description:
        'The method’s result as the MCP specification defines it (`initialize`, `tools/list`, `tools/call`, `ping`). ' +
        'A tool that was refused (bad arguments, no such task) answers `isError: true` with the reason as text.',
      additionalProperties: true,
      maxProperties: 32,
    },
    error: jsonRpcError,
  },
};
const jsonRpcErrorContent = { 'application/json': { schema: jsonRpcErrorResponse } };

export const MCP_OPENAPI = {
  post: {
    operation: {
      summary: 'Send one MCP JSON-RPC message (streamable HTTP)',
      description:
        'The Model Context Protocol endpoint for agents (streamable HTTP transport, stateless: no ' +
        '`Mcp-Session-Id`, no event stream; every request is answered with one JSON body). Tools: ' +
        '`list_tasks` (`tasks:read`), `create_task`, `complete_task`, `update_task`, `delete_task` ' +
        '(`tasks:write`); they act on the token’s user only. A `tools/call` for a tool whose scope ' +
        'the token lacks is refused with 403 `insufficient_scope`. Send `Accept: application/json, ' +
        'text/event-stream`. A request with an `Origin` other than the API’s own or a configured web ' +
        'origin is refused with 403 (DNS rebinding). Without a token: 401 with ' +
        '`WWW-Authenticate: Bearer resource_metadata="…/.well-known/oauth-protected-resource"`.',
    } satisfies ApiOperationOptions,
    body: {
      description: 'One JSON-RPC 2.0 message: a request, a notification or a response. Batches are refused.',
      schema: {
        type: 'object',
        required: ['jsonrpc'],
        properties: {
          jsonrpc: { type: 'string', enum: ['2.0'] },
          id: jsonRpcId,
          method: { type: 'string', maxLength: 128, example: 'tools/call' },
          params: {
            type: 'object',
            description: 'The method’s parameters as the MCP specification defines them.',
            properties: {
              name: { type: 'string', maxLength: 64, description: 'For `tools/call`: the tool.', enum: TOOL_NAMES },
              arguments: {
                description: 'For `tools/call`: the tool’s arguments, the schema named after it.',
                anyOf: TOOL_ARGUMENT_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
              },
            },
            additionalProperties: true,
            maxProperties: 32,
            example: { name: 'list_tasks', arguments: { status: 'open' } },
          },
          result: { type: 'object', additionalProperties: true, maxProperties: 32 },
          error: jsonRpcError,
        },
      },
    } as ApiBodyOptions,
    ok: {
      status: 200,
      description: 'The JSON-RPC response to the request.',
      content: { 'application/json': { schema: jsonRpcResponse } },
    } as ApiResponseOptions,
    accepted: { status: 202, description: 'A notification or response was accepted; no body.' } as ApiResponseOptions,
    refused: {
      status: 400,
      description:
        'Not a JSON-RPC message, a batch, or an unsupported `MCP-Protocol-Version` (a JSON-RPC error); malformed JSON is a problem+json.',
      content: {
        ...jsonRpcErrorContent,
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
      },
    } as ApiResponseOptions,
    notAcceptable: {
      status: 406,
      description: 'The `Accept` header does not list both `application/json` and `text/event-stream`.',
      content: jsonRpcErrorContent,
    } as ApiResponseOptions,
    unsupportedMediaType: {
      status: 415,
      description: 'The body is not `application/json`.',
      content: {
        ...jsonRpcErrorContent,
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
      },
    } as ApiResponseOptions,
  },
  get: {
    operation: {
      summary: 'Open a server-to-client event stream (not offered: 405)',
      description:
        'The endpoint is stateless and sends no server-initiated messages, so it answers 405 as the MCP transport allows.',
    } satisfies ApiOperationOptions,
  },
  delete: {
    operation: {
      summary: 'End an MCP session (not offered: 405)',
      description: 'The endpoint keeps no sessions, so there is none to end: 405.',
    } satisfies ApiOperationOptions,
  },
  methodNotAllowed: {
    status: 405,
    description: 'Not offered by this stateless endpoint; `Allow: POST`.',
    headers: {
      Allow: { description: 'The one method offered', required: true, schema: { type: 'string', enum: ['POST'] } },
    },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
  } as ApiResponseOptions,
};
