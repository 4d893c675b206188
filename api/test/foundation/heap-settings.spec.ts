import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repositoryRoot } from '../../src/config/paths.js';

/** The node options (V8's heap options among them) of a `node … <script>` command. */
function heapFlags(command: string): string[] {
  return command.split(/\s+/).filter((word) => word.startsWith('--'));
}

const read = (path: string) => readFileSync(join(repositoryRoot, path), 'utf8');
const scripts = (path: string) => (JSON.parse(read(path)) as { scripts: Record<string, string> }).scripts;

describe('the heap settings of a production API process', () => {
  const fromNpmStart = heapFlags(scripts('package.json').start);

  it('bound the old generation, the young one and how far the old one grows between collections', () => {
    expect(fromNpmStart).toEqual([
      expect.stringMatching(/^--max-old-space-size=\d+$/),
      expect.stringMatching(/^--max-semi-space-size=\d+$/),
      expect.stringMatching(/^--heap-growing-percent=\d+$/),
      // A process that ran the migrations on a fresh database otherwise kept allocating request
      // objects straight into the old generation: a full collection every 0.6 s instead of every
      // 10 s, and about 1.6 times the CPU per listed page (bench/results/latest.md, "Memory").
      '--no-allocation-site-pretenuring',
    ]);
  });

  it('are the same in every way of starting it: npm start, the api workspace and the image', () => {
    const dockerCmd = /^CMD (\[.*\])$/m.exec(read('api/Dockerfile'))?.[1];
    expect(dockerCmd).toBeDefined();
    expect(heapFlags((JSON.parse(dockerCmd!) as string[]).join(' '))).toEqual(fromNpmStart);
    expect(heapFlags(scripts('api/package.json').start)).toEqual(fromNpmStart);
    expect(heapFlags(scripts('api/package.json').serve)).toEqual(fromNpmStart);
  });
});
