import { Controller, Delete, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresScope } from '../auth/scopes/access.decorators.js';
import { assertScope } from '../auth/scopes/scope-policy.js';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { AppConfig } from '../config/app-config.service.js';
import { TOOL_ARGUMENT_MODELS } from './dto/tool-arguments.dto.js';
import { MCP_OPENAPI } from './mcp-openapi.js';
import { McpChallengeFilter } from './mcp-challenge.filter.js';
import { McpMethodNotAllowedException } from './mcp-method-not-allowed.exception.js';
import { McpOriginGuard } from './mcp-origin.guard.js';
import { McpService } from './mcp.service.js';
import { findTaskTool } from './task-tools.js';

/**
 * The Model Context Protocol endpoint (streamable HTTP, stateless, JSON answers) at /api/mcp.
 * Behind the same global guard as every route: connecting needs `tasks:read`, and each tool
 * call needs its REST route's scope, refused here with 403 `insufficient_scope` before it runs.
 */
@ApiTags('mcp')
@ApiExtraModels(...TOOL_ARGUMENT_MODELS)
@Controller('mcp')
@UseGuards(McpOriginGuard)
@UseFilters(McpChallengeFilter)
export class McpController {
  private readonly endpoint: string;

  constructor(
    private readonly mcp: McpService,
    config: AppConfig,
  ) {
    this.endpoint = new URL('/api/mcp', config.publicUrl).href;
  }

  @Post()
  @HttpCode(200)
  @RequiresScope('tasks:read')
  @ApiOperation(MCP_OPENAPI.post.operation)
  @ApiBody(MCP_OPENAPI.post.body)
  @ApiResponse(MCP_OPENAPI.post.ok)
  @ApiResponse(MCP_OPENAPI.post.accepted)
  @ApiResponse(MCP_OPENAPI.post.refused)
  @ApiResponse(MCP_OPENAPI.post.notAcceptable)
  @ApiResponse(MCP_OPENAPI.post.unsupportedMediaType)
  @ApiProblemResponses(413)
  async callMcp(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const message: unknown = request.body;
    if (Array.isArray(message)) {
      // MCP 2025-06-18 dropped batching; one message per request also keeps one request = one
      // unit of the rate limit.
      return send(reply, jsonRpcError(400, -32600, 'Send one JSON-RPC message per request; batches are not accepted.'));
    }
    const call = message as { method?: unknown; params?: { name?: unknown } } | null;
    if (call?.method === 'tools/call') {
      const tool = findTaskTool(call.params?.name);
      if (tool) assertScope(user, tool.scope);
    }
    return send(reply, await this.mcp.handle(user, toWebRequest(request, this.endpoint), message));
  }

  @Get()
  @RequiresScope('tasks:read')
  @ApiOperation(MCP_OPENAPI.get.operation)
  @ApiResponse(MCP_OPENAPI.methodNotAllowed)
  openMcpStream(): never {
    throw new McpMethodNotAllowedException();
  }

  @Delete()
  @RequiresScope('tasks:read')
  @ApiOperation(MCP_OPENAPI.delete.operation)
  @ApiResponse(MCP_OPENAPI.methodNotAllowed)
  endMcpSession(): never {
    throw new McpMethodNotAllowedException();
  }
}

/** The SDK's transport speaks Web Requests; the body was parsed (and size-limited) by Fastify. */
function toWebRequest(request: FastifyRequest, endpoint: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(endpoint, { method: request.method, headers });
}

/** The transport's answer, sent through Fastify so the shared headers and hooks apply. */
async function send(reply: FastifyReply, response: Response): Promise<void> {
  const body = await response.text();
  void reply.status(response.status);
  const type = response.headers.get('content-type');
  if (type) void reply.header('Content-Type', type);
  await reply.send(body === '' ? undefined : body);
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
