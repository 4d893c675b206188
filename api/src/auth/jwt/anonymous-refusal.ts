import { EXCEPTION_FILTERS_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { IS_PUBLIC } from '../../common/access/public.decorator.js';
import { PROBLEM_CONTENT_TYPE, problem } from '../../common/problem-details/problem-details.js';
import { REQUIRES_SESSION } from '../scopes/access.decorators.js';
import { CREDENTIAL_REQUIRED_DETAIL, CREDENTIAL_REQUIRED_CHALLENGE } from './bearer-challenge.exception.js';

/** What a route's handler accepts as a credential, as JwtAuthGuard reads it. */
type CredentialPolicy = 'bearer' | 'bearer-or-cookie';

const REFUSAL_BODY = JSON.stringify(problem(401, CREDENTIAL_REQUIRED_DETAIL));

/**
 * Refuses a request that carries no credential at all on a route JwtAuthGuard protects, in a
 * Fastify preHandler of that route, before Nest's router, guards and exception filter run: the
 * same 401 they would give (status, problem+json body, challenge and no-store headers), at a
 * fraction of the cost, so anonymous floods cost little. A request with any credential still goes
 * to the guard, which alone decides whether it is valid. preHandler (not onRequest) keeps the
 * order the guard had: a malformed or oversized body is still answered 400/413 first. The request
 * log line (pino-http, an onRequest middleware) and the security headers (a global onRequest hook)
 * are in place before this runs. Routes with an exception filter of their own (MCP's challenge)
 * and public routes are left to Nest.
 */
export function refuseAnonymousRequestsEarly(app: NestFastifyApplication): void {
  let policies: Map<string, CredentialPolicy> | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route: RouteOptions) => {
      // Nest names each route's handler "Controller.method" (router-explorer), the key below.
      policies ??= credentialPolicies(app);
      const policy = policies.get(route.handler.name);
      if (!policy) return;
      const refusal = policy === 'bearer' ? refuseWithoutBearerHeader : refuseWithoutAnyCredential;
      route.preHandler = [...([] as unknown[]).concat(route.preHandler ?? []), refusal] as RouteOptions['preHandler'];
    });
}

/** The credential policy of every controller method JwtAuthGuard protects and ProblemDetailsFilter answers. */
function credentialPolicies(app: NestFastifyApplication): Map<string, CredentialPolicy> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const policies = new Map<string, CredentialPolicy>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (() => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const methodName of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[methodName] as () => unknown;
        const targets: Array<() => unknown> = [handler, controller];
        if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) continue;
        if (targets.some((target) => Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, target)?.length)) continue;
        const session = reflector.getAllAndOverride<boolean>(REQUIRES_SESSION, targets);
        policies.set(`${String(wrapper.name)}.${methodName}`, session ? 'bearer-or-cookie' : 'bearer');
      }
    }
  }
  return policies;
}

/** Token routes: without an Authorization header passport-jwt fails, and the guard answers this. */
function refuseWithoutBearerHeader(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.headers.authorization === undefined) refuse(reply);
  else done();
}

/** Session routes also take the session cookie. */
function refuseWithoutAnyCredential(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.headers.authorization === undefined && request.headers.cookie === undefined) refuse(reply);
  else done();
}

function refuse(reply: FastifyReply): void {
  void reply
    .code(401)
    .header('www-authenticate', CREDENTIAL_REQUIRED_CHALLENGE)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(REFUSAL_BODY);
}
