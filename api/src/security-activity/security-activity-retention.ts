import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.service.js';
import { SecurityActivityRepository } from './security-activity.repository.js';

export const SECURITY_ACTIVITY_RETENTION_QUEUE = 'security-activity-retention';
/** Daily at 03:17 UTC (pg-boss cron); listing already hides older rows, so the hour does not matter. */
const DAILY = '17 3 * * *';

/** The daily pg-boss job that deletes security events past the retention window. */
@Injectable()
export class SecurityActivityRetention {
  private readonly logger = new Logger(SecurityActivityRetention.name);

  constructor(
    jobs: JobQueue,
    private readonly events: SecurityActivityRepository,
  ) {
    jobs.define({
      name: SECURITY_ACTIVITY_RETENTION_QUEUE,
      pollSeconds: 60,
      schedule: DAILY,
      options: { retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
      handle: () => this.deleteExpired(),
    });
  }

  async deleteExpired(): Promise<void> {
    const deleted = await this.events.deleteExpired();
    this.logger.log({ deleted }, 'expired security events deleted');
  }
}
