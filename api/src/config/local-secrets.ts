import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type SecretLog = (message: string) => void;

/**
 * Outside production a newcomer should start without writing a `.env`: a missing
 * BETTER_AUTH_SECRET is generated once and kept under the data directory, so sessions and the
 * encrypted JWT signing keys survive restarts. In production a missing secret stays missing and
 * validation refuses to start.
 */
export async function withLocalSecrets(
  raw: NodeJS.ProcessEnv,
  dataDir: string,
  log: SecretLog,
): Promise<NodeJS.ProcessEnv> {
  if (raw.BETTER_AUTH_SECRET || raw.NODE_ENV === 'production') return raw;
  const file = join(dataDir, 'secrets.json');
  const stored = await readStoredSecret(file);
  if (stored) return { ...raw, BETTER_AUTH_SECRET: stored };
  const generated = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify({ BETTER_AUTH_SECRET: generated }, null, 2), {
    mode: 0o600,
  });
  log(`BETTER_AUTH_SECRET was not set: generated one and stored it in ${file}`);
  return { ...raw, BETTER_AUTH_SECRET: generated };
}

async function readStoredSecret(file: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { BETTER_AUTH_SECRET?: unknown };
    return typeof parsed.BETTER_AUTH_SECRET === 'string' ? parsed.BETTER_AUTH_SECRET : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
