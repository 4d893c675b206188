import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AppConfig, type RateLimitRule } from '../../config/app-config.service.js';
import { postgresPool } from '../../database/postgres-pool.js';

/**
 * Rate limiters whose counters every API instance shares: Redis when REDIS_URL is set,
 * otherwise PostgreSQL (table `rate_limit`). If the shared store fails, a per-process memory
 * limiter with the same rule takes over, so limits hold (per instance) rather than vanish.
 */
@Injectable()
export class RateLimiterFactory implements OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get storeName(): 'redis' | 'postgres' {
    return this.config.redisUrl ? 'redis' : 'postgres';
  }

  create(keyPrefix: string, rule: RateLimitRule): RateLimiterAbstract {
    const common = {
      keyPrefix,
      points: rule.limit,
      duration: rule.windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: rule.limit, duration: rule.windowSeconds }),
    };
    if (this.config.redisUrl) {
      return new RateLimiterRedis({ ...common, storeClient: this.redisClient(), rejectIfRedisNotReady: true });
    }
    return new RateLimiterPostgres({
      ...common,
      storeClient: postgresPool(this.dataSource),
      storeType: 'pool',
      tableName: 'rate_limit',
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  }

  /**
   * For limits checked on every API request: Redis when configured (shared, one fast round trip),
   * otherwise memory in each instance — a PostgreSQL write per request would cost more than the
   * request itself. With N instances and no Redis, a client can get up to N times the budget.
   */
  createPerRequest(keyPrefix: string, rule: RateLimitRule): RateLimiterAbstract {
    if (this.config.redisUrl) return this.create(keyPrefix, rule);
    return new RateLimiterMemory({ keyPrefix, points: rule.limit, duration: rule.windowSeconds });
  }

  private redisClient(): Redis {
    this.redis ??= new Redis(this.config.redisUrl!, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    return this.redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
