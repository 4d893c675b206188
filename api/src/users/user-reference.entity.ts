import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Better Auth's `user` table, seen by TypeORM only so tasks can reference it. Better Auth owns
 * the table and its migration: TypeORM never changes it (synchronize: false).
 */
@Entity({ name: 'user', synchronize: false })
export class UserReference {
  @PrimaryColumn('uuid')
  id: string;
}
