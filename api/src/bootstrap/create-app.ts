import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module.js';
import type { EnvironmentVariables } from '../config/environment.js';
import { configureApp } from './configure-app.js';
import { buildOpenApiDocument } from '../common/openapi/openapi-document.js';
import { serveApiExplorer } from '../common/openapi/swagger-ui.js';

/** Builds the whole app without listening: used by main, the tests and the OpenAPI writer. */
export async function createApp(environment: EnvironmentVariables): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(environment), {
    // Better Auth must read raw request bodies; JSON parsing is added for the other routes.
    bodyParser: false,
    bufferLogs: true,
    forceCloseConnections: false,
  });
  configureApp(app);
  serveApiExplorer(app, await buildOpenApiDocument(app));
  return app;
}
