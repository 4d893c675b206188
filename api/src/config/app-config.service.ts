import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import type { EnvironmentVariables } from './environment.js';
import { repositoryRoot, resolveDataDir } from './paths.js';
import { parseTrustProxy } from './trust-proxy.js';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** Typed, validated configuration. The only place that knows variable names. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  private get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.config.get(key, { infer: true });
  }

  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }
  get port(): number {
    return this.get('PORT');
  }
  get host(): string {
    return this.get('HOST');
  }
  get databaseUrl(): string {
    const url = this.get('DATABASE_URL');
    if (!url) throw new Error('DATABASE_URL is resolved before the app starts');
    return url;
  }
  get dataDir(): string {
    return resolveDataDir(this.get('DATA_DIR'));
  }
  get authSecret(): string {
    return this.get('BETTER_AUTH_SECRET');
  }
  get publicUrl(): string {
    return (this.get('API_PUBLIC_URL') ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
  }
  get jwtIssuer(): string {
    return this.publicUrl;
  }
  get jwtAudience(): string {
    return this.get('JWT_AUDIENCE');
  }
  get jwtTtlSeconds(): number {
    return this.get('JWT_TTL_SECONDS');
  }
  /** The API's own origin (it serves the web app), its loopback twin, and WEB_ORIGINS. */
  get webOrigins(): string[] {
    const own = new URL(this.publicUrl);
    const origins = [own.origin];
    const twin = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' }[own.hostname];
    if (twin) origins.push(`${own.protocol}//${twin}${own.port ? `:${own.port}` : ''}`);
    const configured = (this.get('WEB_ORIGINS') ?? '').split(',').map((origin) => origin.trim().replace(/\/+$/, ''));
    return [...new Set([...origins, ...configured.filter(Boolean)])];
  }
  get serveWebApp(): boolean {
    return this.get('SERVE_WEB_APP') === 'true';
  }
  get webDistDir(): string {
    return resolve(repositoryRoot, this.get('WEB_DIST_DIR') ?? 'web/dist');
  }
  get bcryptCost(): number {
    return this.get('BCRYPT_COST');
  }
  get redisUrl(): string | undefined {
    return this.get('REDIS_URL');
  }
  /** Undefined only outside production, where mail is then dropped (tests) or a local mailbox set it. */
  get smtpUrl(): string | undefined {
    return this.get('SMTP_URL');
  }
  get mailFrom(): string {
    return this.get('MAIL_FROM') ?? `Taskvault <no-reply@${new URL(this.publicUrl).hostname}>`;
  }
  get mailRetry(): { limit: number; delaySeconds: number; pollSeconds: number } {
    return {
      limit: this.get('MAIL_RETRY_LIMIT'),
      delaySeconds: this.get('MAIL_RETRY_DELAY_SECONDS'),
      pollSeconds: this.get('MAIL_POLL_SECONDS'),
    };
  }
  get reminders(): { pollSeconds: number; clockOffsetFile: string | undefined } {
    return { pollSeconds: this.get('REMINDER_POLL_SECONDS'), clockOffsetFile: this.get('REMINDER_CLOCK_OFFSET_FILE') };
  }
  get webhooks(): { allowLoopback: boolean; pollSeconds: number; clockOffsetFile: string | undefined } {
    return {
      allowLoopback: this.get('WEBHOOK_ALLOW_LOOPBACK') === 'true',
      pollSeconds: this.get('WEBHOOK_POLL_SECONDS'),
      clockOffsetFile: this.get('WEBHOOK_CLOCK_OFFSET_FILE'),
    };
  }
  get emailVerificationRequired(): boolean {
    return this.get('EMAIL_VERIFICATION') === 'required';
  }
  get accountMailPerIp(): RateLimitRule {
    return { limit: this.get('ACCOUNT_MAIL_IP_LIMIT'), windowSeconds: this.get('ACCOUNT_MAIL_IP_WINDOW_SECONDS') };
  }
  get accountMailPerAddress(): RateLimitRule {
    return {
      limit: this.get('ACCOUNT_MAIL_ADDRESS_LIMIT'),
      windowSeconds: this.get('ACCOUNT_MAIL_ADDRESS_WINDOW_SECONDS'),
    };
  }
  get hstsEnabled(): boolean {
    return this.get('HSTS_ENABLED') === 'true';
  }
  get logLevel(): string {
    return this.get('LOG_LEVEL');
  }
  /** Which proxies' X-Forwarded-For to believe, from TRUST_PROXY. */
  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.get('TRUST_PROXY'));
  }
  get signInPerIp(): RateLimitRule {
    return { limit: this.get('SIGN_IN_IP_LIMIT'), windowSeconds: this.get('SIGN_IN_IP_WINDOW_SECONDS') };
  }
  get signInFailuresPerAccount(): RateLimitRule {
    return {
      limit: this.get('SIGN_IN_ACCOUNT_FAILURE_LIMIT'),
      windowSeconds: this.get('SIGN_IN_ACCOUNT_WINDOW_SECONDS'),
    };
  }
  get signUpPerIp(): RateLimitRule {
    return { limit: this.get('SIGN_UP_IP_LIMIT'), windowSeconds: this.get('SIGN_UP_IP_WINDOW_SECONDS') };
  }
  get authPerIp(): RateLimitRule {
    return { limit: this.get('AUTH_IP_LIMIT'), windowSeconds: this.get('AUTH_IP_WINDOW_SECONDS') };
  }
  get apiPerUser(): RateLimitRule {
    return { limit: this.get('API_RATE_LIMIT'), windowSeconds: this.get('API_RATE_WINDOW_SECONDS') };
  }
}
