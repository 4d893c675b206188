import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** A reminder a sweep claimed, with what its mail needs: the owner's own address and zone. */
export interface ClaimedReminder {
  taskId: string;
  title: string;
  dueAt: Date | null;
  email: string;
  timeZone: string;
  reminderEmails: boolean;
}

/** Reminders later than this after their time are dropped, not sent: a stale reminder helps no one. */
const STALE_AFTER = '1 day';

/**
 * Claims due reminders: open tasks whose remind_at has come and whose reminder is not sent. The
 * rows are locked with SKIP LOCKED, so sweeps on other instances take other rows, and marked sent
 * in the same statement (reminderSentAt is part of the task: its ETag moves on); the caller
 * queues the mails in the same transaction.
 */
const CLAIM = {
  name: 'reminders-claim',
  text: `WITH due AS (
      SELECT id FROM task
      WHERE remind_at <= $1::timestamptz AND reminder_sent_at IS NULL AND completed = false
        AND remind_at > $1::timestamptz - interval '${STALE_AFTER}'
      ORDER BY remind_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED)
    UPDATE task SET reminder_sent_at = $1::timestamptz, version = task.version + 1
    FROM due, "user" owner
    WHERE task.id = due.id AND owner.id = task.owner_id
    RETURNING task.id AS "taskId", task.title, task.due_at AS "dueAt", owner.email,
      owner."timeZone" AS "timeZone", owner."reminderEmails" AS "reminderEmails"`,
};

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /**
   * Claims up to `limit` reminders due at `now` and runs `deliver` on them inside the claiming
   * transaction: if `deliver` throws, the claim is rolled back and a later sweep tries again.
   */
  async claimDue(
    now: Date,
    limit: number,
    deliver: (reminders: ClaimedReminder[], client: PoolClient) => Promise<void>,
  ): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ClaimedReminder>({ ...CLAIM, values: [now, limit] });
      await deliver(rows, client);
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
