import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length.decorator.js';
import { IsBoundedIsoDate } from '../../common/validation/is-bounded-date.decorator.js';
import { IsSafeText } from '../../common/validation/safe-text.decorator.js';
import { IsRecurrence } from '../recurrence/is-recurrence.decorator.js';
import { RECURRENCE_LIMITS, RECURRENCE_PATTERN } from '../recurrence/recurrence-rule.js';
import { TASK_PRIORITIES } from '../task.entity.js';

/** The contract's limits, in one place for validation and documentation. */
export const TASK_LIMITS = {
  titleMax: 200,
  descriptionMax: 10_000,
  tagsMax: 20,
  tagMax: 50,
  /** A reminder at most 30 days before the due date. */
  remindMinutesBeforeMax: 43_200,
  /** Tasks one user may keep: bounds storage per account and the account export's list. */
  tasksPerUserMax: 10_000,
} as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/**
 * Field decorators shared by the task DTOs. `required` fields must be present; optional ones may
 * be omitted, and only `dueAt` may be null (it clears the due date).
 */
export const TaskFields = {
  title: (required: boolean) =>
    applyDecorators(
      ApiProperty({
        required,
        minLength: 1,
        maxLength: TASK_LIMITS.titleMax,
        example: 'Write the quarterly report',
        description: 'Trimmed; counted in Unicode code points.',
      }),
      Transform(trim),
      ...(required ? [] : [ValidateIf((_object, value) => value !== undefined)]),
      IsString(),
      CodePointLength(1, TASK_LIMITS.titleMax),
      IsSafeText(),
    ),
  description: () =>
    applyDecorators(
      ApiPropertyOptional({
        maxLength: TASK_LIMITS.descriptionMax,
        default: '',
        example: 'Numbers from finance first.',
      }),
      ValidateIf((_object, value) => value !== undefined),
      IsString(),
      CodePointLength(0, TASK_LIMITS.descriptionMax),
      IsSafeText(),
    ),
  priority: () =>
    applyDecorators(
      ApiPropertyOptional({ enum: TASK_PRIORITIES, enumName: 'TaskPriority', default: 'medium' }),
      ValidateIf((_object, value) => value !== undefined),
      IsIn(TASK_PRIORITIES),
    ),
  tags: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: [String],
        maxItems: TASK_LIMITS.tagsMax,
        items: { type: 'string', minLength: 1, maxLength: TASK_LIMITS.tagMax },
        default: [],
        example: ['work', 'q3'],
        description: 'Kept in the order given; duplicates removed.',
      }),
      Transform(trimEach),
      ValidateIf((_object, value) => value !== undefined),
      IsArray(),
      ArrayMaxSize(TASK_LIMITS.tagsMax),
      IsString({ each: true }),
      CodePointLength(1, TASK_LIMITS.tagMax, { each: true }),
      IsSafeText(),
    ),
  dueAt: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: String,
        format: 'date-time',
        nullable: true,
        maxLength: 40,
        example: '2026-12-01T17:00:00.000Z',
        description: 'null clears the due date.',
      }),
      IsOptional(),
      IsBoundedIsoDate(),
    ),
  recurrence: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: String,
        nullable: true,
        maxLength: RECURRENCE_LIMITS.textMax,
        pattern: RECURRENCE_PATTERN,
        default: null,
        example: 'FREQ=WEEKLY;BYDAY=MO',
        description:
          'An RFC 5545 RRULE: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL (1–366), BYDAY (weekly: MO…SU), ' +
          'BYMONTHDAY (monthly: 1–31, -1 for the last day), and COUNT (1–1000) or UNTIL (YYYYMMDD or ' +
          "YYYYMMDDTHHMMSSZ; at most 1,000 occurrences from today). Needs a dueAt. Times follow the owner's " +
          'timeZone (9:00 stays 9:00 across DST). Answered in canonical form; COUNT counts this occurrence ' +
          'and the ones after it. null stops repeating.',
      }),
      ValidateIf((_object, value) => value !== undefined && value !== null),
      IsString(),
      IsRecurrence(),
    ),
  remindAt: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: String,
        format: 'date-time',
        nullable: true,
        maxLength: 40,
        default: null,
        description:
          'Remind the owner (a mail, and a notice in the open web app) at this instant. Replaces remindMinutesBefore; null clears the reminder.',
      }),
      ValidateIf((_object, value) => value !== undefined && value !== null),
      IsBoundedIsoDate(),
    ),
  remindMinutesBefore: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: 'integer',
        format: 'int32',
        nullable: true,
        minimum: 0,
        maximum: TASK_LIMITS.remindMinutesBeforeMax,
        default: null,
        description:
          'Remind the owner this many minutes before dueAt (moves with the due date; needs one). Replaces remindAt; null clears the reminder.',
      }),
      ValidateIf((_object, value) => value !== undefined && value !== null),
      IsInt(),
      Min(0),
      Max(TASK_LIMITS.remindMinutesBeforeMax),
    ),
  completed: () =>
    applyDecorators(
      ApiPropertyOptional({ default: false }),
      ValidateIf((_object, value) => value !== undefined),
      IsBoolean(),
    ),
};
