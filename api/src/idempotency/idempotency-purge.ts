import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.service.js';
import { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_PURGE_QUEUE = 'idempotency-purge';
/** Hourly (pg-boss cron, one job across instances). Expired rows are already ignored; this bounds the table. */
const HOURLY = '41 * * * *';

/** The pg-boss job that deletes idempotency records past their 24 hours. */
@Injectable()
export class IdempotencyPurge {
  private readonly logger = new Logger(IdempotencyPurge.name);

  constructor(
    jobs: JobQueue,
    private readonly idempotency: IdempotencyService,
  ) {
    jobs.define({
      name: IDEMPOTENCY_PURGE_QUEUE,
      pollSeconds: 60,
      schedule: HOURLY,
      options: { retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
      handle: async () => {
        await this.purge();
      },
    });
  }

  async purge(): Promise<number> {
    const deleted = await this.idempotency.purgeExpired();
    if (deleted > 0) this.logger.log({ deleted }, 'expired idempotency records deleted');
    return deleted;
  }
}
