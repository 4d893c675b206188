import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file sits at api/{src,dist}/config/, three levels below it. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function resolveDataDir(configured: string | undefined): string {
  return resolve(repositoryRoot, configured ?? '.data');
}
