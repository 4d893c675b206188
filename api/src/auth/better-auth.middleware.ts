import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { toNodeHandler } from 'better-auth/node';
import type { Request, Response } from 'express';
import { BETTER_AUTH } from './auth.constants.js';
import type { BetterAuth } from './better-auth.factory.js';

/** Hands /api/auth/* to Better Auth. Its routes answer in Better Auth's own shape. */
@Injectable()
export class BetterAuthMiddleware implements NestMiddleware {
  private readonly handle: ReturnType<typeof toNodeHandler>;

  constructor(@Inject(BETTER_AUTH) auth: BetterAuth) {
    this.handle = toNodeHandler(auth);
  }

  use(req: Request, res: Response): Promise<void> {
    return this.handle(req, res);
  }
}
