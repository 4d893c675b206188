import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Better Auth treats any `Sec-Fetch-*` header as a browser and then demands an Origin. Node's
 * fetch (undici) sends `Sec-Fetch-Mode: cors` on every request, and no Origin, so scripts
 * written with it could not sign in. A browser always sends `Sec-Fetch-Site` too (and an Origin
 * on every POST); a request with neither, and without cookies, carries no ambient credentials a
 * forged page could ride on. For exactly those requests the stray fetch-metadata headers are
 * dropped, so they are judged like curl's. Browser requests are untouched and stay checked.
 */
@Injectable()
export class NonBrowserClientsMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const headers = req.headers;
    if (!headers.cookie && !headers.origin && !headers.referer && !headers['sec-fetch-site']) {
      delete headers['sec-fetch-mode'];
      delete headers['sec-fetch-dest'];
      delete headers['sec-fetch-user'];
    }
    next();
  }
}
