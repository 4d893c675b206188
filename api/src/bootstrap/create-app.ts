import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module.js';
import type { WebhooksModuleOptions } from '../webhooks/webhooks.module.js';
import type { EnvironmentVariables } from '../config/environment.js';
import { parseTrustProxy } from '../config/trust-proxy.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import { OAUTH_SCOPES, oauthResource } from '../auth/oauth/oauth-provider.config.js';
import { serveApiExplorer } from '../common/openapi/swagger-ui.js';
import { requestIdFor, requestLinesEnabled } from '../common/logging/logging.module.js';
import { logRequests } from '../common/logging/request-log.js';
import { AppConfig } from '../config/app-config.service.js';
import { McpService } from '../mcp/mcp.service.js';
import { serveWebApp } from '../web-app/serve-web-app.js';
import { configureApp } from './configure-app.js';
import { drainOversizedBodies } from './drain-oversized-bodies.js';
import { recordRoutes } from './served-routes.js';
import { refuseAnonymousRequestsEarly } from '../auth/jwt/anonymous-refusal.js';
import { answerTransportRefusal } from './transport-refusals.js';
import { keepIdempotentAnswers } from '../idempotency/keep-idempotent-answers.js';

export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * Builds the whole app without listening: used by main, the tests and the OpenAPI writer.
 * NestJS runs on Fastify: with the same trivial route it serves 0.86 of bare node:http's
 * throughput where Express serves 0.19 (bench/results/framework.md).
 */
export async function createApp(
  environment: EnvironmentVariables,
  options: { webhooks?: WebhooksModuleOptions } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: fastifyTrustProxy(parseTrustProxy(environment.TRUST_PROXY)),
    bodyLimit: BODY_LIMIT_BYTES,
    // Request ids are ours (requestIdFor); request lines come from request-log.ts.
    logger: false,
    requestIdHeader: false,
    genReqId: requestIdFor,
    clientErrorHandler: answerTransportRefusal,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(environment, options), adapter, {
    bufferLogs: true,
  });
  recordRoutes(app);
  refuseAnonymousRequestsEarly(app);
  await configureApp(app);
  logRequests(app, { enabled: requestLinesEnabled(app.get(AppConfig).logLevel) });
  drainOversizedBodies(app);
  keepIdempotentAnswers(app);
  const config = app.get(AppConfig);
  if (config.serveWebApp) await serveWebApp(app, config.webDistDir);
  const document = await buildOpenApiDocument(app);
  // The MCP tools' input schemas are the document's schemas of their DTOs: one source of limits.
  app.get(McpService).describeTools(document);
  await serveApiExplorer(app, document, {
    scopes: OAUTH_SCOPES.filter((scope) => scope !== 'offline_access'),
    resource: oauthResource(config),
  });
  return app;
}

/** A hop count becomes "trust the nearest N hops" (Fastify's types take a function for that). */
function fastifyTrustProxy(value: boolean | number | string[]) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}
