import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PgBoss, type QueueOptions } from 'pg-boss';
import { AppConfig } from '../config/app-config.service.js';

/** pg-boss keeps its tables in a schema of its own, created (and migrated) when the API starts. */
export const JOBS_SCHEMA = 'pgboss';

export interface QueueDefinition<Data extends object> {
  name: string;
  options: QueueOptions;
  pollSeconds: number;
  handle(data: Data): Promise<void>;
}

/**
 * Jobs kept in PostgreSQL (pg-boss): a job survives a restart, a failed one is retried with the
 * queue's backoff, and each is fetched with SKIP LOCKED, so of N instances exactly one runs it.
 * Works with any DATABASE_URL, the embedded PostgreSQL included: it is just another schema.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly definitions: Array<QueueDefinition<object>> = [];
  private readonly workers = new Map<string, string>();
  private started = false;

  constructor(config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'taskvault-jobs',
      max: 4,
    });
    // pg-boss reports failed polls and maintenance here; without a listener they would crash the process.
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Declares a queue and its worker; call from a provider's constructor (before the queue starts). */
  define<Data extends object>(definition: QueueDefinition<Data>): void {
    this.definitions.push(definition as unknown as QueueDefinition<object>);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const definition of this.definitions) {
      await this.boss.createQueue(definition.name, definition.options);
      await this.boss.updateQueue(definition.name, definition.options);
      const workerId = await this.boss.work<object>(
        definition.name,
        { pollingIntervalSeconds: definition.pollSeconds, batchSize: 1 },
        async ([job]) => definition.handle(job.data),
      );
      this.workers.set(definition.name, workerId);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    // Jobs in flight finish (or return to the queue when the timeout passes): nothing is lost.
    await this.boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
  }

  /** Queues a job; answers as soon as it is stored, never waiting for the work itself. */
  async send(queue: string, data: object): Promise<void> {
    await this.boss.send(queue, data);
    // Wake this instance's worker now instead of at its next poll.
    const workerId = this.workers.get(queue);
    if (workerId) this.boss.notifyWorker(workerId);
  }
}
