import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

export const AUTH_BASE_PATH = '/api/auth';
export const BODY_LIMIT_BYTES = 100 * 1024;

const parseJson = express.json({
  limit: BODY_LIMIT_BYTES,
  type: ['application/json', 'application/*+json'],
});

/**
 * JSON bodies for the API's own routes. Better Auth's routes are skipped: it reads the raw body
 * itself, and a parser running first would leave its requests hanging (better-auth#406).
 * Runs as module middleware so that it comes after the request logger (request id included).
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (req.originalUrl.startsWith(AUTH_BASE_PATH)) return next();
    parseJson(req, res, next);
  }
}
