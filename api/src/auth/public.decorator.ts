import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'taskvault:is-public';

/** Opts a route out of the global JWT guard. Use for the few routes anyone may call. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
