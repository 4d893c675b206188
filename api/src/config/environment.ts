import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const postgresUrl = /^postgres(ql)?:\/\/.+/;

/**
 * Every variable the API reads, with its rules. `.env.example` at the repository root documents
 * each one; keep the two in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Absent: an embedded PostgreSQL is started with its data under DATA_DIR. */
  @IsOptional()
  @Matches(postgresUrl, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT: number = 54329;

  @IsString()
  @MinLength(32, { message: 'BETTER_AUTH_SECRET must be at least 32 characters long' })
  BETTER_AUTH_SECRET: string;

  /** The API's public base URL: Better Auth's base URL and the JWT issuer. Default: http://localhost:PORT. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  API_PUBLIC_URL?: string;

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE: string = 'taskvault-api';

  @IsInt()
  @Min(1)
  @Max(900)
  JWT_TTL_SECONDS: number = 900;

  /**
   * Comma-separated origins of a web app hosted elsewhere (or Vite's dev server), allowed by CORS
   * and Better Auth's origin check. The API's own origin, which serves the built web app, always is.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, {
    message: 'WEB_ORIGINS must be a comma-separated list of http(s) origins',
  })
  WEB_ORIGINS?: string;

  /** Serve the built web app (WEB_DIST_DIR) from the API's origin. */
  @IsIn(['true', 'false'], { message: 'SERVE_WEB_APP must be true or false' })
  SERVE_WEB_APP: 'true' | 'false' = 'true';

  /** Where the built web app is (default: <repo>/web/dist). */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST: number = 12;

  /** Proxies whose X-Forwarded-For to believe: false, true, a hop count, or comma-separated addresses/subnets. */
  @IsString()
  TRUST_PROXY: string = 'false';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsInt() @Min(1) SIGN_IN_IP_LIMIT: number = 30;
  @IsInt() @Min(1) SIGN_IN_IP_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) SIGN_IN_ACCOUNT_FAILURE_LIMIT: number = 5;
  @IsInt() @Min(1) SIGN_IN_ACCOUNT_WINDOW_SECONDS: number = 900;
  @IsInt() @Min(1) SIGN_UP_IP_LIMIT: number = 10;
  @IsInt() @Min(1) SIGN_UP_IP_WINDOW_SECONDS: number = 600;
  @IsInt() @Min(1) AUTH_IP_LIMIT: number = 120;
  @IsInt() @Min(1) AUTH_IP_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) API_RATE_LIMIT: number = 600;
  @IsInt() @Min(1) API_RATE_WINDOW_SECONDS: number = 60;

  /**
   * Outgoing mail (password reset, verification, notices), e.g. smtp://user:pass@host:587 or
   * smtps://host:465. Required in production; absent in development, a local mailbox is started.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of every mail, e.g. "Taskvault <no-reply@example.com>". Default: no-reply at the public host. */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** How many times a mail SMTP refused is tried again, the first retry after MAIL_RETRY_DELAY_SECONDS, doubling. */
  @IsInt() @Min(0) @Max(50) MAIL_RETRY_LIMIT: number = 10;
  @IsInt() @Min(1) @Max(3600) MAIL_RETRY_DELAY_SECONDS: number = 30;
  /** How often a worker looks for queued mail when no wake-up reached it (seconds, 0.5 or more). */
  @IsNumber() @Min(0.5) @Max(60) MAIL_POLL_SECONDS: number = 2;

  /** How often each instance looks for reminders that are due (seconds). */
  @IsNumber() @Min(0.5) @Max(300) REMINDER_POLL_SECONDS: number = 5;
  /**
   * For tests: a file holding milliseconds that the reminders' clock runs ahead of the real one,
   * so a test can move time forward instead of waiting. Only the reminder sweep reads it.
   */
  @IsOptional()
  @IsString()
  REMINDER_CLOCK_OFFSET_FILE?: string;

  /**
   * Webhooks may be http:// to loopback (127.0.0.0/8, ::1, localhost), and deliveries may connect
   * to loopback addresses: for tests and local development only. Every other private, link-local
   * or reserved address stays refused.
   */
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_LOOPBACK must be true or false' })
  WEBHOOK_ALLOW_LOOPBACK: 'true' | 'false' = 'false';
  /** How often each instance looks for webhook deliveries that are due, when no notification woke it (seconds). */
  @IsNumber() @Min(0.1) @Max(300) WEBHOOK_POLL_SECONDS: number = 5;
  /** For tests: milliseconds the webhook worker's clock runs ahead of the real one, read from this file. */
  @IsOptional()
  @IsString()
  WEBHOOK_CLOCK_OFFSET_FILE?: string;

  /** The local mailbox (no SMTP_URL outside production): its SMTP and web ports on loopback; 0 picks a free one. */
  @IsInt() @Min(0) @Max(65535) LOCAL_MAILBOX_SMTP_PORT: number = 1025;
  @IsInt() @Min(0) @Max(65535) LOCAL_MAILBOX_WEB_PORT: number = 1080;

  /** `required`: no sign-in before the address is verified (and no enumeration at sign-up). */
  @IsIn(['required', 'optional'], { message: 'EMAIL_VERIFICATION must be required or optional' })
  EMAIL_VERIFICATION: 'required' | 'optional' = 'optional';

  /** Requests that send mail (password reset, verification resend): per client IP and per address. */
  @IsInt() @Min(1) ACCOUNT_MAIL_IP_LIMIT: number = 10;
  @IsInt() @Min(1) ACCOUNT_MAIL_IP_WINDOW_SECONDS: number = 900;
  @IsInt() @Min(1) ACCOUNT_MAIL_ADDRESS_LIMIT: number = 3;
  @IsInt() @Min(1) ACCOUNT_MAIL_ADDRESS_WINDOW_SECONDS: number = 3600;

  @IsIn(['true', 'false'], { message: 'HSTS_ENABLED must be true or false' })
  HSTS_ENABLED: 'true' | 'false' = 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError';
}

/** Validates raw variables; throws one error that names every bad or missing variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const environment = plainToInstance(EnvironmentVariables, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `  ${error.property}: ${reasons}`;
    });
    throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (environment.NODE_ENV === 'production' && !environment.SMTP_URL) {
    throw new InvalidEnvironmentError(
      'Invalid environment:\n  SMTP_URL: must be set in production (password reset and email verification send mail)',
    );
  }
  return environment;
}
