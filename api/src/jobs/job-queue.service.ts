import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config.service.js';

/** pg-boss keeps its tables in a schema of its own, created (and migrated) when the API starts. */
export const JOBS_SCHEMA = 'pgboss';
/**
 * A finished job's row holds a mail (with its link) or an address: archived after a minute and
 * deleted from the archive an hour later. pg-boss 10 (the last major for Node 20) sets these per
 * instance, not per queue.
 */
const ARCHIVE_AFTER_SECONDS = 60;
const DELETE_ARCHIVED_AFTER_SECONDS = 3600;

export interface QueueDefinition<Data extends object> {
  name: string;
  /** Retry and expiry of the queue's jobs (pg-boss 10: retention is set once, for all queues). */
  options: Omit<PgBoss.Queue, 'name'>;
  pollSeconds: number;
  /** A cron expression (UTC): pg-boss then queues one job per tick, across all instances. */
  schedule?: string;
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

  private readonly databaseUrl: string;

  constructor(config: AppConfig) {
    this.databaseUrl = config.databaseUrl;
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'taskvault-jobs',
      max: 4,
      archiveCompletedAfterSeconds: ARCHIVE_AFTER_SECONDS,
      archiveFailedAfterSeconds: ARCHIVE_AFTER_SECONDS,
      deleteAfterSeconds: DELETE_ARCHIVED_AFTER_SECONDS,
    });
    // pg-boss reports failed polls and maintenance here; without a listener they would crash the process.
    this.boss.on('error', (error: Error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Declares a queue and its worker; call from a provider's constructor (before the queue starts). */
  define<Data extends object>(definition: QueueDefinition<Data>): void {
    this.definitions.push(definition as unknown as QueueDefinition<object>);
  }

  async onModuleInit(): Promise<void> {
    await this.oneInstanceAtATime(async () => {
      await this.boss.start();
      this.started = true;
      for (const definition of this.definitions) {
        const queue = { name: definition.name, ...definition.options };
        await this.boss.createQueue(definition.name, queue);
        await this.boss.updateQueue(definition.name, queue);
        if (definition.schedule) await this.boss.schedule(definition.name, definition.schedule);
      }
    });
    for (const definition of this.definitions) {
      const workerId = await this.boss.work<object>(
        definition.name,
        { pollingIntervalSeconds: definition.pollSeconds, batchSize: 1 },
        async ([job]) => {
          await definition.handle(job.data);
          // pg-boss waits a whole polling interval after every batch, even with a backlog: a burst
          // of 60 sign-ups took 30 s to mail. Fetch again at once after a job; an empty fetch
          // then waits the interval as usual.
          this.boss.notifyWorker(this.workers.get(definition.name)!);
        },
      );
      this.workers.set(definition.name, workerId);
    }
  }

  /**
   * pg-boss's schema set-up and createQueue (a partition per queue) deadlock when two instances
   * run them at once on a fresh database ("deadlock detected" at start). A session advisory lock
   * of our own, on a connection of its own, makes instances take turns; it is released when that
   * connection ends, even if the set-up throws.
   */
  private async oneInstanceAtATime(setUp: () => Promise<void>): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'taskvault-jobs-setup' });
    await client.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtextextended('taskvault:job-queue-setup', 0))`);
      await setUp();
    } finally {
      await client.end();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    // Jobs in flight finish (or return to the queue when the timeout passes): nothing is lost.
    await this.boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
  }

  /**
   * Queues a job; answers as soon as it is stored, never waiting for the work itself. With `db`
   * (a client inside a transaction) the job is stored by that transaction: it exists if and only
   * if the transaction commits.
   */
  async send(queue: string, data: object, db?: pg.ClientBase): Promise<void> {
    await this.boss.send(queue, data, db ? { db: { executeSql: (text, values) => db.query(text, values) } } : {});
    // A job sent inside a transaction is invisible until it commits: the caller wakes the worker then.
    if (!db) this.wake(queue);
  }

  /** Wakes this instance's worker of `queue` now instead of at its next poll. */
  wake(queue: string): void {
    const workerId = this.workers.get(queue);
    if (workerId) this.boss.notifyWorker(workerId);
  }
}
