import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

type RequestHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * @fastify/cors on the requests that carry an Origin, the only ones CORS is about. On the others
 * (scripts, integrators, same-origin navigations, health checks) the plugin would still merge its
 * options twice, resolve the origin through callbacks and parse the Vary header on every request
 * (about 6 % of a request's CPU in profiles); such a request only gets the `Vary: Origin` the
 * plugin would add, so that no cache serves this answer to a cross-origin request.
 * (`app.enableCors` registers the same plugin, with no way to skip it per request.)
 */
export async function registerCors(instance: FastifyInstance, options: FastifyCorsOptions): Promise<void> {
  const onlyWithOrigin =
    (hook: RequestHook): RequestHook =>
    (request, reply, done) => {
      if (request.headers.origin === undefined) {
        void reply.header('vary', 'Origin');
        return done();
      }
      return hook(request, reply, done);
    };
  // The plugin adds its request hook to the instance it is given: hand it one that wraps it.
  const wrapped = new Proxy(instance, {
    get(target, property) {
      if (property === 'addHook')
        return (name: string, hook: RequestHook) =>
          target.addHook(name as 'onRequest', name === 'onRequest' ? onlyWithOrigin(hook) : hook);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  await new Promise<void>((resolve, reject) =>
    (
      fastifyCors as unknown as (
        fastify: FastifyInstance,
        opts: FastifyCorsOptions,
        next: (error?: Error) => void,
      ) => void
    )(wrapped, options, (error) => (error ? reject(error) : resolve())),
  );
}
