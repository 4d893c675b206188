import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

/** A token id from the path: a UUID, else 400 naming `id` (before any lookup). */
export const TokenIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ValidationFailedException([{ field: 'id', message: 'id must be a UUID' }]),
});
