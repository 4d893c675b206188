import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details.js';
import { ValidationFailedException } from './validation-failed.exception.js';
import { loggablePath } from '../logging/logging.module.js';

/**
 * The one place where errors become responses. Everything leaves as RFC 9457 problem+json;
 * anything unexpected is logged with its stack and answered with a bare 500, never its message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toProblem(exception, request);
    if (reply.sent) return;
    for (const [name, value] of Object.entries(headersOf(exception))) void reply.header(name, value);
    const ownShape = ownShapeOf(exception);
    if (ownShape) {
      // Errors of Better Auth's routes keep Better Auth's `{ code, message }` shape.
      void reply.status(ownShape.status).header('content-type', 'application/json').send(JSON.stringify(ownShape.body));
      return;
    }
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store');
    void reply.send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    if (exception instanceof ValidationFailedException) {
      return problem(HttpStatus.BAD_REQUEST, 'The request is not valid.', exception.fieldErrors);
    }
    if (exception instanceof HttpException) {
      return problem(exception.getStatus(), detailOf(exception));
    }
    const clientError = asClientError(exception);
    if (clientError) return clientError;
    this.logger.error({ err: exception, method: request.method, path: loggablePath(request.url) }, 'Unhandled error');
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.');
  }
}

/** An exception that must answer in a shape of its own rather than problem+json. */
export interface OwnShapeException {
  readonly ownShape: { status: number; body: object };
}

function ownShapeOf(exception: unknown): OwnShapeException['ownShape'] | undefined {
  return (exception as Partial<OwnShapeException> | null)?.ownShape;
}

/** Exceptions may carry headers the client needs, e.g. WWW-Authenticate or Retry-After. */
function headersOf(exception: unknown): Record<string, string> {
  const headers = (exception as { headers?: unknown } | null)?.headers;
  return exception instanceof HttpException && typeof headers === 'object' && headers !== null
    ? (headers as Record<string, string>)
    : {};
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

/**
 * Errors raised below Nest by Fastify (malformed JSON, oversized bodies, unsupported media types)
 * carry an HTTP status and a code; their own messages may name internals, so each known code
 * gets a sentence of ours.
 */
function asClientError(exception: unknown): ProblemDetails | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const {
    status,
    statusCode,
    code: errorCode,
  } = exception as { status?: unknown; statusCode?: unknown; code?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : NaN;
  if (!(code >= 400 && code < 500)) return undefined;
  const details: Record<string, string> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but says it is JSON.',
    FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than the limit of 100 KiB.',
    FST_ERR_CTP_INVALID_MEDIA_TYPE:
      'The request body has a media type this API does not accept; send application/json.',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length does not match the body.',
  };
  const detail = (typeof errorCode === 'string' && details[errorCode]) || titleFallback(code);
  return problem(code, detail);
}

function titleFallback(code: number): string {
  return code === 413 ? 'The request body is too large.' : 'The request could not be processed.';
}
