import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details.js';
import { ValidationFailedException } from './validation-failed.exception.js';

/**
 * The one place where errors become responses. Everything leaves as RFC 9457 problem+json;
 * anything unexpected is logged with its stack and answered with a bare 500, never its message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toProblem(exception, request);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headersOf(exception))) response.setHeader(name, value);
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).setHeader('Cache-Control', 'no-store');
    response.send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof ValidationFailedException) {
      return problem(HttpStatus.BAD_REQUEST, 'The request is not valid.', exception.fieldErrors);
    }
    if (exception instanceof HttpException) {
      return problem(exception.getStatus(), detailOf(exception));
    }
    const clientError = asClientError(exception);
    if (clientError) return clientError;
    this.logger.error({ err: exception, method: request.method, path: request.path }, 'Unhandled error');
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.');
  }
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
 * Errors raised below Nest (body-parser's malformed JSON, oversized or wrongly encoded bodies)
 * carry an HTTP status and an `expose` flag; their message is safe to show only when exposed.
 */
function asClientError(exception: unknown): ProblemDetails | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, statusCode, expose, type } = exception as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
    type?: unknown;
  };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : NaN;
  if (!(code >= 400 && code < 500)) return undefined;
  const details: Record<string, string> = {
    'entity.parse.failed': 'The request body is not valid JSON.',
    'entity.too.large': 'The request body is larger than the limit of 100 KiB.',
    'encoding.unsupported': 'The request body uses an unsupported encoding.',
    'charset.unsupported': 'The request body uses an unsupported charset.',
  };
  const detail =
    (typeof type === 'string' && details[type]) ||
    (expose === true ? (exception as Error).message : titleFallback(code));
  return problem(code, detail);
}

function titleFallback(code: number): string {
  return code === 413 ? 'The request body is too large.' : 'The request could not be processed.';
}
