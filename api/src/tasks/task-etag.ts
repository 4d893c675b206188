import { createParamDecorator, type ExecutionContext, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
 * How a route whose answer is one task answers it: the task's tag in the ETag header and, for a
 * GET whose If-None-Match names the current tag (weak comparison, or `*`), 304 with no body.
 */
export class TaskEtagAnswer {
  constructor(
    private readonly reply: FastifyReply,
    private readonly notModifiedIf: ReturnType<typeof parsedHeader>,
  ) {}

  /** A write's answer: the task, with its new tag in the header. */
  of<T extends { etag: string }>(task: T): T {
    void this.reply.header('etag', task.etag);
    return task;
  }

  /** A read's answer: the task, or nothing (304) when the client's copy is current. */
  orNotModified<T extends { etag: string }>(task: T): T | undefined {
    this.of(task);
    const notModifiedIf = this.notModifiedIf;
    const unchanged =
      notModifiedIf !== undefined &&
      (notModifiedIf.any || notModifiedIf.tags.some((tag) => weakMatches(tag, strongTag(task.etag))));
    if (!unchanged) return task;
    void this.reply.status(304);
    return undefined;
  }
}

/**
 * The TaskEtagAnswer of a one-task route, as a parameter rather than an interceptor: a Nest
 * interceptor wraps every call of its route in observables (about 5 % of a creation's CPU in
 * profiles). A GET's If-None-Match is read here, before the handler runs: malformed, it is a 400.
 */
export const TaskEtag = createParamDecorator((_data: unknown, context: ExecutionContext): TaskEtagAnswer => {
  const http = context.switchToHttp();
  const notModifiedIf =
    http.getRequest<FastifyRequest>().method === 'GET'
      ? parsedHeader(context, 'if-none-match', 'If-None-Match')
      : undefined;
  return new TaskEtagAnswer(http.getResponse<FastifyReply>(), notModifiedIf);
});

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
