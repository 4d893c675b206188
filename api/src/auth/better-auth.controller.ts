import { All, Controller, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BETTER_AUTH } from './auth.constants.js';
import { type BetterAuth, CLIENT_IP_HEADER } from './better-auth.factory.js';
import { Public } from '../common/access/public.decorator.js';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard.js';
import { settleSignInAnswer } from './rate-limit/sign-in-answer.js';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

/**
 * Hands /api/auth/* to Better Auth, behind the shared rate limits. Its routes answer in Better
 * Auth's own shape; the OpenAPI document describes them from Better Auth's own generator.
 */
@ApiExcludeController()
@Public()
@UseGuards(AuthRateLimitGuard)
@Controller('auth')
export class BetterAuthController {
  constructor(@Inject(BETTER_AUTH) private readonly auth: BetterAuth) {}

  @All('*')
  async handle(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const response = await this.auth.handler(toWebRequest(request));
    await settleSignInAnswer(request, response);
    void reply.status(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') void reply.header(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) void reply.header('set-cookie', cookies);
    if (!response.body) {
      // A redirect (a mailed link) has no body: no media type for one either.
      reply.removeHeader('content-type');
      await reply.send();
      return;
    }
    await reply.send(Buffer.from(await response.arrayBuffer()));
  }
}

function toWebRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of ([] as string[]).concat(value)) headers.append(name, item);
  }
  // Better Auth records the session's IP from this header: it must be ours, not the client's.
  headers.set(CLIENT_IP_HEADER, request.ip);
  dropStrayFetchMetadata(headers);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  const form = hasBody && isFormBody(request);
  if (hasBody) {
    headers.set('content-type', form ? 'application/x-www-form-urlencoded' : 'application/json');
    headers.delete('content-length');
  }
  const url = `${request.protocol}://${request.headers.host ?? 'localhost'}${request.url}`;
  return new Request(url, {
    method: request.method,
    headers,
    body: form ? formBodyOf(request.body) : hasBody ? JSON.stringify(request.body) : undefined,
  });
}

/** OAuth clients post forms (RFC 6749 §4.1.3); Better Auth's OAuth routes take them as sent. */
function isFormBody(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/** Re-encodes the parsed form. A parameter sent twice is refused (RFC 6749 §3.1). */
function formBodyOf(body: unknown): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      throw new ValidationFailedException([{ field: name, message: `${name} must be sent once` }]);
    }
    form.append(name, value);
  }
  return form.toString();
}

/**
 * Better Auth treats any `Sec-Fetch-*` header as a browser and then demands an Origin. Node's
 * fetch (undici) sends `Sec-Fetch-Mode: cors` on every request, and no Origin, so scripts
 * written with it could not sign in. A browser always sends `Sec-Fetch-Site` too (and an Origin
 * on every POST); a request with neither, and without cookies, carries no ambient credentials a
 * forged page could ride on. For exactly those requests the stray fetch-metadata headers are
 * dropped, so they are judged like curl's. Browser requests are untouched and stay checked.
 */
function dropStrayFetchMetadata(headers: Headers): void {
  if (headers.has('cookie') || headers.has('origin') || headers.has('referer') || headers.has('sec-fetch-site')) return;
  headers.delete('sec-fetch-mode');
  headers.delete('sec-fetch-dest');
  headers.delete('sec-fetch-user');
}
