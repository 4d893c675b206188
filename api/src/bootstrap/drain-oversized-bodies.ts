import type { IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** How much of a refused body is read and thrown away so the client can read the 413. */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;
const MAX_DRAIN_MS = 10_000;

/**
 * A body over the limit is refused with 413 before it is read. If the server then closed the
 * connection while the client was still sending, the client's kernel would get a reset and most
 * HTTP clients (Node's http and fetch among them) would report EPIPE or ECONNRESET instead of the
 * 413. So the rest of such a body is read and discarded first — at most MAX_DRAINED_BYTES and
 * MAX_DRAIN_MS, past which the connection is closed anyway — and only then is the 413 sent.
 */
export function drainOversizedBodies(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    // A callback hook: an async one would cost every answer a promise and a microtask.
    .addHook('onSend', (request, reply, payload, done) => {
      if (reply.statusCode === 413 && !request.raw.complete) void drain(request.raw).then(() => done(null, payload));
      else done(null, payload);
    });
}

function drain(body: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let drained = 0;
    const done = () => {
      clearTimeout(timer);
      body.off('data', onData).off('end', done).off('error', done).off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAINED_BYTES) done();
    };
    const timer = setTimeout(done, MAX_DRAIN_MS);
    body.on('data', onData).once('end', done).once('error', done).once('close', done);
    body.resume();
  });
}
