import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { requestIdOfCurrentRequest, runWithRequestId } from './request-context.js';

function capturedLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ mixin: requestIdOfCurrentRequest, redact: ['*.password'] }, stream);
  return {
    logger,
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => written.join(''),
  };
}

describe('the request id on log lines', () => {
  it('is on every line written while the request runs, across awaits and in child loggers', async () => {
    const { logger, lines } = capturedLogger();
    await runWithRequestId('req-1', async () => {
      logger.info('before an await');
      await new Promise((resolve) => setImmediate(resolve));
      logger.child({ context: 'Service' }).warn({ body: { password: 'secret' } }, 'after an await');
    });
    expect(lines().map((line) => line.requestId)).toEqual(['req-1', 'req-1']);
    expect(lines()[1].body).toEqual({ password: '[Redacted]' });
  });

  it('keeps two requests apart when their work interleaves', async () => {
    const { logger, lines } = capturedLogger();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await Promise.all(
      ['a', 'b'].map((id) =>
        runWithRequestId(id, async () => {
          await tick();
          logger.info({ wrote: id }, 'line');
          await tick();
          logger.info({ wrote: id }, 'line');
        }),
      ),
    );
    expect(lines()).toHaveLength(4);
    for (const line of lines()) expect(line.requestId).toBe(line.wrote);
  });

  it('is absent outside a request, and a line that names its request keeps its own id', () => {
    const { logger, lines, text } = capturedLogger();
    logger.info('start-up');
    runWithRequestId('req-2', () => logger.info({ requestId: 'req-2' }, 'request completed'));
    expect(lines()[0]).not.toHaveProperty('requestId');
    expect(lines()[1].requestId).toBe('req-2');
    // Once on the line: JSON.parse would hide a duplicate key.
    expect(text().split('"requestId"')).toHaveLength(2);
  });
});
