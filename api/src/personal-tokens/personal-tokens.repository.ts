import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { PersonalTokenEntity } from './personal-token.entity.js';

/** What verifying a secret needs to know about its token. */
export interface TokenGrant {
  id: string;
  userId: string;
  email: string;
  scopes: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
}

export type NewToken = Pick<PersonalTokenEntity, 'name' | 'scopes' | 'secretHash' | 'prefix' | 'expiresAt'>;

/** Expired tokens stay listed (so their owner sees why a script stopped) for this long. */
const EXPIRED_KEPT_DAYS = 30;

/**
 * The only access to personal access tokens. Every method but the secret lookup takes the owner
 * and puts it in the SQL: someone else's token is never found, listed or revoked.
 */
@Injectable()
export class PersonalTokensRepository {
  constructor(
    @InjectRepository(PersonalTokenEntity) private readonly tokens: Repository<PersonalTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The unexpired token whose secret has this SHA-256, with its owner's email. */
  async findLiveGrantBySecretHash(secretHash: Buffer): Promise<TokenGrant | undefined> {
    const rows: TokenGrant[] = await this.dataSource.query(
      `select t."id", t."user_id" as "userId", u."email", t."scopes", t."expires_at" as "expiresAt",
              t."last_used_at" as "lastUsedAt"
         from "personal_access_token" t join "user" u on u."id" = t."user_id"
        where t."secret_hash" = $1 and t."expires_at" > now()`,
      [secretHash],
    );
    return rows[0];
  }

  /** Newest first: live tokens, then those that expired within the last 30 days. */
  async listForUser(userId: string, limit: number): Promise<PersonalTokenEntity[]> {
    return this.tokens
      .createQueryBuilder('token')
      .where('token.user_id = :userId', { userId })
      .andWhere(`token.expires_at > now() - make_interval(days => :days)`, { days: EXPIRED_KEPT_DAYS })
      .orderBy('token.expires_at > now()', 'DESC')
      .addOrderBy('token.created_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * Inserts the token unless the user already has `maxLive` unexpired ones. A per-user advisory
   * lock makes count-then-insert atomic, so parallel requests cannot pass the limit together.
   */
  async createForUser(userId: string, token: NewToken, maxLive: number): Promise<PersonalTokenEntity | 'limit'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select pg_advisory_xact_lock(hashtextextended('personal_access_token:' || $1, 0))`, [
        userId,
      ]);
      await manager.query(
        `delete from "personal_access_token" where "user_id" = $1 and "expires_at" < now() - make_interval(days => $2)`,
        [userId, EXPIRED_KEPT_DAYS],
      );
      const [{ live }] = (await manager.query(
        `select count(*)::int as "live" from "personal_access_token" where "user_id" = $1 and "expires_at" > now()`,
        [userId],
      )) as Array<{ live: number }>;
      if (live >= maxLive) return 'limit';
      const repository = manager.getRepository(PersonalTokenEntity);
      return repository.save(repository.create({ ...token, userId, lastUsedAt: null }));
    });
  }

  /** Deletes the owner's token; answers its name, or undefined when the owner has no such token. */
  async deleteForUser(id: string, userId: string): Promise<string | undefined> {
    const result = await this.tokens
      .createQueryBuilder()
      .delete()
      .from(PersonalTokenEntity)
      .where('id = :id AND user_id = :userId', { id, userId })
      .returning(['name'])
      .execute();
    return (result.raw as Array<{ name: string }>)[0]?.name;
  }

  /** Records a use, unless one was recorded in the last minute (by any instance). */
  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query(
      `update "personal_access_token" set "last_used_at" = now()
        where "id" = $1 and ("last_used_at" is null or "last_used_at" < now() - interval '1 minute')`,
      [id],
    );
  }
}
