import { Module } from '@nestjs/common';
import { IdempotencyClock } from './idempotency-clock.js';
import { IdempotencyPurge } from './idempotency-purge.js';
import { IdempotencyGuard } from './idempotency.guard.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotencyService } from './idempotency.service.js';

/**
 * Idempotency-Key for creating routes: a module imports this one and puts @Idempotent on them.
 * Records live in PostgreSQL (table idempotency_key), so every instance sees every claim.
 */
@Module({
  providers: [IdempotencyClock, IdempotencyRepository, IdempotencyService, IdempotencyGuard, IdempotencyPurge],
  exports: [IdempotencyService, IdempotencyGuard],
})
export class IdempotencyModule {}
