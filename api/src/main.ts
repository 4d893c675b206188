import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './config/paths.js';
import { AppConfig } from './config/app-config.service.js';
import { InvalidEnvironmentError } from './config/environment.js';
import { createApp } from './bootstrap/create-app.js';
import { prepareEnvironment } from './bootstrap/prepare-environment.js';
import { closeGracefullyOnSignals } from './bootstrap/graceful-shutdown.js';
import { printUrls, startupLog } from './bootstrap/startup-report.js';
import { isWebAppServed } from './web-app/serve-web-app.js';

async function main(): Promise<void> {
  // A .env at the repository root fills in what the environment does not set.
  const envFile = join(repositoryRoot, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const { environment, embeddedDatabase, localMailbox } = await prepareEnvironment(process.env, (message) =>
    startupLog(message),
  );
  try {
    const app = await createApp(environment);
    const config = app.get(AppConfig);
    closeGracefullyOnSignals(app, embeddedDatabase, localMailbox);
    await app.listen(config.port, config.host);
    printUrls(config, isWebAppServed(app), localMailbox?.webUrl);
  } catch (error) {
    await embeddedDatabase?.stop();
    await localMailbox?.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  // A failed start is a message for a person, not a stack trace (LOG_LEVEL=debug adds it).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Taskvault API failed to start: ${message}\n`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && !(error instanceof InvalidEnvironmentError))
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
