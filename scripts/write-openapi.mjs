#!/usr/bin/env node
// Writes the API's OpenAPI document to api/openapi.json, from the app itself: the compiled API
// is booted (migrations included) without listening, against DATABASE_URL or a throwaway
// embedded PostgreSQL. `--check` fails instead when the committed file differs.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from './lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = `${root}api/openapi.json`;
const check = process.argv.includes('--check');

const throwaway = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
try {
  const { validateEnvironment } = await import('../api/dist/config/environment.js');
  const { createApp } = await import('../api/dist/bootstrap/create-app.js');
  const { buildOpenApiDocument } = await import('../api/dist/openapi/openapi-document.js');
  const { openApiJson } = await import('../api/dist/common/openapi/openapi-json.js');
  const app = await createApp(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      BETTER_AUTH_SECRET: 'openapi-writer-secret-not-used-for-anything-real',
      // The document names the public base URL as its server: keep the default, not a machine's.
      DATABASE_URL: process.env.DATABASE_URL ?? throwaway.url,
    }),
  );
  const json = openApiJson(await buildOpenApiDocument(app));
  await app.close();
  if (check) {
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== json) {
      console.error('api/openapi.json is stale: run `npm run openapi:write` and commit it');
      process.exitCode = 1;
    } else console.log('api/openapi.json is up to date');
  } else {
    await writeFile(target, json);
    console.log(`wrote ${target}`);
  }
} finally {
  await throwaway?.stop();
}
