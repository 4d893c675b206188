import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server of this test run (set by global-setup). */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is set by the Jest global setup');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database for one test file; the app's migrations build its schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `taskvault_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`create database "${name}"`));
  return {
    url: withDatabase(serverUrl(), name),
    drop: () =>
      onServer((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
