import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import { normaliseScopes } from '../auth/scopes/scopes.js';
import { AppConfig } from '../config/app-config.service.js';
import { PgNotificationListener } from '../database/notifications/pg-notification-listener.js';
import { hashSecret, hasTokenShape } from './personal-token-secret.js';
import { PersonalTokensRepository, type TokenGrant } from './personal-tokens.repository.js';

const CHANNEL = 'personal_token_revoked';
/** Last use is written at most this often per token (and the SQL refuses more often, across instances). */
export const LAST_USED_INTERVAL_MS = 60_000;
/** Bounds the memory of the cache and how stale anything but revocation (e.g. the email) can get. */
const MAX_CACHED = 10_000;
const MAX_CACHE_AGE_MS = 10 * 60_000;
const SWEEP_INTERVAL_MS = 60_000;

interface CachedGrant {
  id: string;
  user: AuthenticatedUser;
  expiresAt: number;
  cachedAt: number;
  lastUsedAt: number;
}

/**
 * Turns a `tvp_` secret into the user it stands for, with the token's scopes.
 *
 * The secret is hashed first and only the digest is looked up, so every well-formed secret —
 * never issued, one character off, or revoked — takes the same path: hash, cache miss, one
 * indexed query that finds nothing. Verified tokens are kept in memory by digest, so a request
 * with a known token costs no database round trip; expiry is checked in memory on every use.
 *
 * Revoking deletes the row, and a trigger NOTIFYs every instance, which drops the token from its
 * cache at once. The cache is trusted only while the LISTEN connection is up: when it drops the
 * cache is emptied and each request asks the database until it is back (fail closed). A lookup
 * that raced a revocation is never cached: any notice received meanwhile bumps `epoch`.
 */
@Injectable()
export class PersonalTokenVerifier implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PersonalTokenVerifier.name);
  private readonly byDigest = new Map<string, CachedGrant>();
  private readonly digestById = new Map<string, string>();
  private readonly listener: PgNotificationListener;
  private epoch = 0;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    config: AppConfig,
    private readonly tokens: PersonalTokensRepository,
  ) {
    this.listener = new PgNotificationListener({
      databaseUrl: config.databaseUrl,
      channel: CHANNEL,
      applicationName: 'taskvault-token-revocations',
      logger: this.logger,
      whileDown: 'looking personal tokens up in the database until it is back',
      onNotification: (tokenId) => this.forget(tokenId),
      onListening: async () => this.clear(),
      onLost: () => this.clear(),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.listener.stop();
  }

  /** True while revocation notices arrive, so the cache is in use; false: every lookup asks the database. */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** The caller a secret stands for, or undefined when it is not a live personal access token. */
  async verify(secret: string): Promise<AuthenticatedUser | undefined> {
    if (!hasTokenShape(secret)) return undefined;
    const digestBytes = hashSecret(secret);
    const digest = digestBytes.toString('base64');
    const now = Date.now();
    const cached = this.listener.listening ? this.byDigest.get(digest) : undefined;
    if (cached && cached.cachedAt + MAX_CACHE_AGE_MS > now) return this.use(cached, now);

    const epoch = this.epoch;
    const grant = await this.tokens.findLiveGrantBySecretHash(digestBytes).catch((error: unknown) => {
      // Fail closed: no answer from the database is no token.
      this.logger.error({ err: error }, 'could not look a personal token up');
      return undefined;
    });
    if (!grant) return undefined;
    const entry = toCached(grant, now);
    if (this.listener.listening && epoch === this.epoch) this.remember(digest, entry);
    return this.use(entry, now);
  }

  /** Drops a token this instance revoked at once, without waiting for its own notice to come back. */
  revoked(tokenId: string): void {
    this.forget(tokenId);
  }

  private use(entry: CachedGrant, now: number): AuthenticatedUser | undefined {
    if (entry.expiresAt <= now) {
      this.forget(entry.id);
      return undefined;
    }
    if (now - entry.lastUsedAt >= LAST_USED_INTERVAL_MS) {
      entry.lastUsedAt = now;
      this.tokens.touchLastUsed(entry.id).catch((error: unknown) => {
        this.logger.warn({ err: error, tokenId: entry.id }, 'could not record a personal token’s last use');
      });
    }
    return entry.user;
  }

  private remember(digest: string, entry: CachedGrant): void {
    if (this.byDigest.size >= MAX_CACHED) {
      const oldest = this.byDigest.values().next().value;
      if (oldest) this.forget(oldest.id);
    }
    this.byDigest.set(digest, entry);
    this.digestById.set(entry.id, digest);
  }

  private forget(tokenId: string): void {
    this.epoch += 1;
    const digest = this.digestById.get(tokenId);
    if (digest === undefined) return;
    this.digestById.delete(tokenId);
    this.byDigest.delete(digest);
  }

  private clear(): void {
    this.epoch += 1;
    this.byDigest.clear();
    this.digestById.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const entry of this.byDigest.values()) {
      if (entry.expiresAt <= now || entry.cachedAt + MAX_CACHE_AGE_MS <= now) this.forget(entry.id);
    }
  }
}

function toCached(grant: TokenGrant, now: number): CachedGrant {
  return {
    id: grant.id,
    user: {
      id: grant.userId,
      email: grant.email,
      credential: 'personal-token',
      tokenId: grant.id,
      scopes: normaliseScopes(grant.scopes),
    },
    expiresAt: new Date(grant.expiresAt).getTime(),
    cachedAt: now,
    lastUsedAt: grant.lastUsedAt ? new Date(grant.lastUsedAt).getTime() : 0,
  };
}
