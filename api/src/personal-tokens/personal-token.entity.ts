import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserReference } from '../users/user-reference.entity.js';

/**
 * A personal access token. Only the SHA-256 of its secret is kept (`secret_hash`, searched by a
 * unique index); `prefix` is the secret's first characters, for people to tell tokens apart.
 * Revoking deletes the row: a trigger then announces it (NOTIFY personal_token_revoked), and
 * deleting the user deletes its tokens the same way.
 */
@Entity('personal_access_token')
@Index('personal_access_token_user_created_idx', ['userId', 'createdAt'])
@Index('personal_access_token_secret_hash_idx', ['secretHash'], { unique: true })
export class PersonalTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserReference, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'personal_access_token_user_fk' })
  user?: UserReference;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;
}
