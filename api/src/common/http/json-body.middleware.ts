import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

export const BODY_LIMIT_BYTES = 100 * 1024;

const parseJson = express.json({
  limit: BODY_LIMIT_BYTES,
  type: ['application/json', 'application/*+json'],
});

/**
 * JSON bodies up to 100 KiB (413 past it, 400 when malformed). It runs as module middleware, after
 * the request logger, and again at the head of the auth route chain, whose rate limits need the
 * email; a body already parsed is left alone. Better Auth accepts a parsed body (better-call
 * reads `req.body` when the stream is consumed), so the hang of better-auth#406 does not apply.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    parseJson(req, res, next);
  }
}
