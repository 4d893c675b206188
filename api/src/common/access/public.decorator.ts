import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'taskvault:is-public';
/** Read by the OpenAPI builder, which turns it into `security: []` on the operation. */
export const OPENAPI_PUBLIC_EXTENSION = 'x-taskvault-public';

/** Opts a route out of the global JWT guard. Use for the few routes anyone may call. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_EXTENSION, true));
