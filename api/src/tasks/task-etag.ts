import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  applyDecorators,
} from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { type EntityTag, parseEntityTagList, weakMatches } from '../common/http/entity-tags.js';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

/**
 * A task's ETag is its write counter in quotes: `"7"`. Strong, and new after every write (the
 * UPDATE that changes the task sets version + 1 in the same statement).
 */
export const taskEtag = (version: number): string => `"${version}"`;

/** The versions a conditional write may apply to; `undefined`: no condition (no If-Match, or `*`). */
export interface TaskPrecondition {
  versions: number[];
}

const VERSION = /^[1-9][0-9]{0,9}$/;
const VERSION_MAX = 2_147_483_647;

function headerOf(context: ExecutionContext, name: string): string | undefined {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parsedHeader(context: ExecutionContext, name: 'if-match' | 'if-none-match', field: string) {
  const header = headerOf(context, name);
  if (header === undefined) return undefined;
  const parsed = parseEntityTagList(header);
  if ('error' in parsed) throw new ValidationFailedException([{ field, message: `${field} ${parsed.error}` }]);
  return parsed;
}

/**
 * The If-Match header of a write, as the versions it admits. Only strong tags count (RFC 9110
 * §13.1.1); a tag that is not one of ours admits no version, so the write answers 412.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TaskPrecondition | undefined => {
    const parsed = parsedHeader(context, 'if-match', 'If-Match');
    if (parsed === undefined || parsed.any) return undefined;
    const versions = parsed.tags
      .filter((tag) => !tag.weak && VERSION.test(tag.opaque) && Number(tag.opaque) <= VERSION_MAX)
      .map((tag) => Number(tag.opaque));
    return { versions };
  },
);

/** Whether a task at `version` passes the precondition: for writes that change nothing (an empty PATCH). */
export function admits(precondition: TaskPrecondition | undefined, version: number): boolean {
  return precondition === undefined || precondition.versions.includes(version);
}

const strongTag = (etag: string): EntityTag => ({ weak: false, opaque: etag.slice(1, -1) });

/**
 * Puts the task's tag in the ETag header of every answer that is one task, and answers a GET whose
 * If-None-Match names the current tag (weak comparison, or `*`) with 304 and no body.
 */
@Injectable()
export class TaskEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const notModifiedIf =
      context.switchToHttp().getRequest<FastifyRequest>().method === 'GET'
        ? parsedHeader(context, 'if-none-match', 'If-None-Match')
        : undefined;
    return next.handle().pipe(
      map((body: unknown) => {
        const etag = (body as { etag?: unknown } | null | undefined)?.etag;
        if (typeof etag !== 'string') return body;
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        void reply.header('ETag', etag);
        const unchanged =
          notModifiedIf !== undefined &&
          (notModifiedIf.any || notModifiedIf.tags.some((tag) => weakMatches(tag, strongTag(etag))));
        if (!unchanged) return body;
        void reply.status(304);
        return undefined;
      }),
    );
  }
}

const ETAG_HEADER = {
  ETag: {
    description: 'The task’s strong entity tag: new after every write. Send it back in If-Match.',
    required: true,
    schema: { type: 'string', maxLength: 12, pattern: '^"[1-9][0-9]{0,9}"$' },
  },
};

/** `*` or entity tags (RFC 9110 §8.8.3): what the API parses is stricter (src/common/http/entity-tags.ts). */
const ENTITY_TAG_LIST_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 2048,
  pattern: '^[\\t\\x20-\\x7E\\x80-\\xFF]+$',
};

/** The header of every answer that is one task. */
export const TASK_ETAG_HEADER = ETAG_HEADER;

/** If-Match on a write, and the 412 it can answer. */
export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'Change the task only if its current ETag is one of these (strong comparison: `W/` tags never match), or `*` ' +
        'for any version. A stale tag answers 412 and changes nothing. Without it the write happens as usual.',
      schema: ENTITY_TAG_LIST_SCHEMA,
    }),
    ApiProblemResponses(412),
  );

/** If-None-Match on a read, and the 304 it can answer. */
export const ApiIfNoneMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'Answer 304 with no body if the task’s ETag is one of these (weak comparison), or `*`.',
      schema: ENTITY_TAG_LIST_SCHEMA,
    }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag sent is still the task’s.', headers: ETAG_HEADER }),
  );
