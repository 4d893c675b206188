import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

/** A webhook id from the path: a UUID, else 400 naming `id` (before any lookup). */
export const WebhookIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ValidationFailedException([{ field: 'id', message: 'id must be a UUID' }]),
});
