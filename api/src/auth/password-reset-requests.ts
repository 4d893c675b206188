import { z } from 'zod';
import type { AppConfig } from '../config/app-config.service.js';
import type { JobQueue } from '../jobs/job-queue.service.js';
import type { AuthHookContext } from './auth-hook-context.js';
import { EMAIL_MAX_LENGTH } from './auth-input-limits.js';

export const PASSWORD_RESET_REQUEST_QUEUE = 'password-reset-request';
const REDIRECT_MAX_LENGTH = 2048;

/** Better Auth's own answer, whether or not the address has an account. */
export const PASSWORD_RESET_ANSWER = {
  status: true,
  message: 'If this email exists in our system, check your email for the reset link',
};

export interface PasswordResetRequest {
  email: string;
  redirectTo: string;
}

/**
 * POST /request-password-reset without enumeration, also by timing. Better Auth looks the address
 * up during the request and, for a known one, writes a token and calls sendResetPassword: work an
 * unknown address does not cause. Here every well-formed request only queues a job and gets
 * Better Auth's answer; the job then runs Better Auth's own endpoint (server-side, off the
 * request), which does the lookup, the single-use token and the mail. Malformed input and a
 * foreign redirectTo fall through to Better Auth, which refuses them the same way for any address.
 */
export class PasswordResetRequests {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  get defaultRedirect(): string {
    return `${this.config.publicUrl}/reset-password`;
  }

  async intercept(ctx: AuthHookContext): Promise<unknown> {
    // Only HTTP requests: the job's own server-side call (no request) goes through to Better Auth.
    if (ctx.path !== '/request-password-reset' || !ctx.request) return undefined;
    const body = (ctx.body ?? {}) as { email?: unknown; redirectTo?: unknown };
    const email = body.email;
    if (typeof email !== 'string' || email.length > EMAIL_MAX_LENGTH || !z.email().safeParse(email).success) {
      return undefined;
    }
    const redirectTo = body.redirectTo === undefined ? this.defaultRedirect : body.redirectTo;
    if (typeof redirectTo !== 'string' || !this.isOwnUrl(redirectTo)) return undefined;
    await this.jobs.send(PASSWORD_RESET_REQUEST_QUEUE, { email: email.toLowerCase(), redirectTo });
    return ctx.json(PASSWORD_RESET_ANSWER);
  }

  /** A path on this origin, or a URL of a trusted web origin (what Better Auth's origin check allows). */
  private isOwnUrl(url: string): boolean {
    if (url.length > REDIRECT_MAX_LENGTH) return false;
    if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
    try {
      return this.config.webOrigins.includes(new URL(url).origin);
    } catch {
      return false;
    }
  }
}
