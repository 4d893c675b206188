import type { ValidationPipeOptions } from '@nestjs/common';
import { ValidationFailedException } from '../problem-details/validation-failed.exception.js';

/** How every input is validated: REST bodies and queries (the global pipe) and MCP tool arguments. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: (errors) => ValidationFailedException.fromValidationErrors(errors),
};
