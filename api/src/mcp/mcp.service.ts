import { HttpException, Injectable, Logger, ValidationPipe } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import { assertScope } from '../auth/scopes/scope-policy.js';
import { VALIDATION_OPTIONS } from '../common/validation/validation-options.js';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';
import { TasksService } from '../tasks/tasks.service.js';
import { findTaskTool, TASK_TOOLS, type TaskTool } from './task-tools.js';
import { toolInputSchema } from './tool-input-schemas.js';

/**
 * The MCP SDK (about 2.6 MiB of heap; the zod it is built on is loaded anyway, by Better Auth)
 * loads with the first MCP request: an API process that never serves one does not carry it.
 */
let sdk: ReturnType<typeof importSdk> | undefined;
async function importSdk() {
  const [{ Server }, { WebStandardStreamableHTTPServerTransport }, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return { Server, WebStandardStreamableHTTPServerTransport, ...types };
}
const loadSdk = () => (sdk ??= importSdk());

const SERVER_INFO = { name: 'taskvault', title: 'Taskvault', version: '1.0.0' };
const INSTRUCTIONS =
  'Taskvault holds the signed-in user’s tasks. The tools act only on the tasks of the user whose ' +
  'token this connection carries. Reading needs the tasks:read scope, changing tasks tasks:write.';

/**
 * The MCP server behind /api/mcp. Stateless: every HTTP request gets its own Server and transport,
 * bound to the caller the guard verified, and both are closed when it is answered. No MCP session
 * lives in memory, so any instance can answer any request (no session affinity behind a load
 * balancer) and nothing outlives the request's token check. The tools call TasksService, as the
 * REST routes do.
 */
@Injectable()
export class McpService {
  private readonly logger = new Logger(McpService.name);
  /** The same validation as the REST routes' global ValidationPipe. */
  private readonly validation = new ValidationPipe(VALIDATION_OPTIONS);
  private tools: Tool[] = [];

  constructor(private readonly tasks: TasksService) {}

  /** Tool descriptions with their inputSchemas from the API's OpenAPI document (create-app calls this once). */
  describeTools(document: OpenAPIObject): void {
    this.tools = TASK_TOOLS.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: `${tool.description} Needs the scope ${tool.scope}.`,
      inputSchema: toolInputSchema(document, tool.arguments.name),
      annotations: {
        title: tool.title,
        readOnlyHint: tool.readOnly,
        destructiveHint: tool.destructive,
        idempotentHint: tool.readOnly || tool.destructive,
        openWorldHint: false,
      },
    }));
  }

  /** Answers one streamable-HTTP POST (a single JSON-RPC message) for `user`. */
  async handle(user: AuthenticatedUser, request: Request, message: unknown): Promise<Response> {
    const { Server, WebStandardStreamableHTTPServerTransport, ListToolsRequestSchema, CallToolRequestSchema } =
      await loadSdk();
    const server = new Server(SERVER_INFO, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: this.tools }));
    server.setRequestHandler(CallToolRequestSchema, (call) =>
      this.callTool(user, call.params.name, call.params.arguments ?? {}),
    );
    // JSON answers, no SSE: every tool answers at once, and a finite body goes through Fastify
    // like any other response (headers, hooks, logs).
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    transport.onerror = (error) => this.logger.debug({ reason: error.message }, 'MCP request refused');
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { parsedBody: message });
    } finally {
      await server.close();
    }
  }

  private async callTool(user: AuthenticatedUser, name: string, input: unknown): Promise<CallToolResult> {
    const { McpError, ErrorCode } = await loadSdk();
    const tool = findTaskTool(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `No tool named ${JSON.stringify(name.slice(0, 64))}.`);
    try {
      // The controller refused missing scopes with HTTP 403 already; this keeps the tool closed
      // whatever the path to it.
      assertScope(user, tool.scope);
      const result = await tool.run(this.tasks, user.id, await this.validate(tool, input));
      return {
        content: [{ type: 'text', text: JSON.stringify(result) }],
        structuredContent: result as unknown as Record<string, unknown>,
      };
    } catch (error) {
      // Bad input, a missing task or a missing scope is the caller's to fix: a tool error the
      // model can read (MCP: tool execution errors), never a JSON-RPC internal error.
      if (error instanceof HttpException && error.getStatus() < 500) return toolError(messageOf(error));
      this.logger.error({ err: error, tool: tool.name }, 'MCP tool failed');
      throw new McpError(ErrorCode.InternalError, 'An unexpected error occurred.');
    }
  }

  private validate(tool: TaskTool, input: unknown): Promise<object> {
    return this.validation.transform(input, { type: 'body', metatype: tool.arguments }) as Promise<object>;
  }
}

function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

function messageOf(error: HttpException): string {
  if (error instanceof ValidationFailedException)
    return `Invalid arguments: ${error.fieldErrors.map((field) => `${field.field}: ${field.message}`).join('; ')}`;
  return error.message;
}
